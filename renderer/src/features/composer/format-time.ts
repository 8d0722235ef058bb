// Times as a client reads them: in the client's own zone, named next to the time.

/** `Mon 14 Jun 2027, 09:00` in `timeZone`. */
export function formatInZone(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
