// Number and time formatting for the analytics view.
export const count = (n: number | null) => (n === null ? '–' : n.toLocaleString());

export const rate = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(2)} %`);

export const signed = (n: number | null) =>
  n === null ? '–' : `${n > 0 ? '+' : ''}${n.toLocaleString()}`;

export function when(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}

export const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
