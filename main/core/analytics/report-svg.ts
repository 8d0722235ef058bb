// Small static SVG charts for the printed client report. The report is a file Chromium
// prints without running scripts, so its charts are drawn here as plain SVG; the
// interactive dashboard uses uplot.
export interface Series {
  label: string;
  color: string;
  values: number[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

const fmt = (n: number) =>
  n >= 1e6
    ? `${(n / 1e6).toFixed(1)}M`
    : n >= 1e4
      ? `${(n / 1e3).toFixed(0)}k`
      : String(Math.round(n));

/** A line chart of one or more series over shared x labels (first and last shown). */
export function lineChart(
  title: string,
  labels: string[],
  series: Series[],
  options: { fromZero?: boolean } = {},
): string {
  const w = 640;
  const h = 200;
  const pad = { l: 48, r: 12, t: 24, b: 28 };
  const all = series.flatMap((s) => s.values);
  const top = Math.max(1, ...all);
  const bottom = Math.min(...all, top);
  // Counts that never approach zero (followers) read better on a window around them.
  const spread = Math.max(1, top - bottom);
  const min =
    options.fromZero === false
      ? Math.max(0, Math.floor(bottom - spread * 0.1))
      : Math.min(0, bottom);
  const max = options.fromZero === false ? Math.ceil(top + spread * 0.1) : top;
  const n = Math.max(1, labels.length - 1);
  const x = (i: number) => pad.l + ((w - pad.l - pad.r) * i) / n;
  const y = (v: number) => h - pad.b - ((h - pad.t - pad.b) * (v - min)) / (max - min || 1);
  const lines = series
    .map((s) => {
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      return `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>`;
    })
    .join('');
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${String(pad.l + i * 160)}" y="6" width="10" height="10" fill="${s.color}"/>` +
        `<text x="${String(pad.l + i * 160 + 14)}" y="15">${esc(s.label)}</text>`,
    )
    .join('');
  const axis =
    `<line x1="${String(pad.l)}" y1="${String(h - pad.b)}" x2="${String(w - pad.r)}" y2="${String(h - pad.b)}" stroke="#999"/>` +
    `<text x="${String(pad.l - 6)}" y="${y(max).toFixed(1)}" text-anchor="end">${fmt(max)}</text>` +
    `<text x="${String(pad.l - 6)}" y="${y(min).toFixed(1)}" text-anchor="end">${fmt(min)}</text>` +
    `<text x="${String(pad.l)}" y="${String(h - 8)}">${esc(labels[0] ?? '')}</text>` +
    `<text x="${String(w - pad.r)}" y="${String(h - 8)}" text-anchor="end">${esc(labels.at(-1) ?? '')}</text>`;
  return (
    `<figure><figcaption>${esc(title)}</figcaption>` +
    `<svg viewBox="0 0 ${String(w)} ${String(h)}" role="img" aria-label="${esc(title)}" font-size="11" font-family="sans-serif">` +
    `${legend}${axis}${lines}</svg></figure>`
  );
}

export { esc, fmt };
