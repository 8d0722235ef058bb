// A uplot chart as a React component: built from options and data, rebuilt when either
// changes (the data sets here are small), sized to its container, with a tooltip that
// follows the cursor and names each series' value at that point.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { tickLabels } from './axis-ticks.ts';
import type { ChartColors } from './theme-colors.ts';
import { timeAxisRange } from './time-range.ts';

export interface ChartSeries {
  label: string;
  color: keyof ChartColors;
  /** Right-hand axis (a second scale), e.g. engagements beside impressions. */
  right?: boolean;
  format?: (value: number) => string;
}

interface UplotChartProps {
  label: string;
  colors: ChartColors;
  timeZone: string;
  /** x values in epoch ms, then one array per series. */
  data: [number[], ...(number | null)[][]];
  series: ChartSeries[];
  /** The dashboard's range in epoch ms: the time axis shown when there is no data. */
  span: readonly [number, number];
  height?: number;
}

const number = (v: number) => v.toLocaleString(undefined, { maximumFractionDigits: 2 });

/** uplot's own axis font, named so that labels are measured in the font they are drawn in. */
const axisFont =
  '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
/** uplot's defaults for a y axis: tick length and the gap between tick and label, in px. */
const tickSize = 10;
const axisGap = 5;

let measuring: CanvasRenderingContext2D | null = null;
/** A label's width in CSS pixels in the axis font. */
function measure(text: string): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (measuring === null) return text.length * 7;
  measuring.font = axisFont;
  return measuring.measureText(text).width;
}

function tooltipPlugin(series: ChartSeries[], timeZone: string): uPlot.Plugin {
  let tip: HTMLDivElement | null = null;
  const when = new Intl.DateTimeFormat(undefined, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'chart-tooltip';
        tip.hidden = true;
        u.over.append(tip);
      },
      setCursor: (u) => {
        const i = u.cursor.idx;
        const x = i === null || i === undefined ? undefined : u.data[0][i];
        if (tip === null) return;
        if (i === null || i === undefined || x === undefined) {
          tip.hidden = true;
          return;
        }
        // Text nodes only: a series' label can be an account's handle, which is the
        // network's free text and must never be read as markup.
        const line = (...parts: Node[]) => {
          const div = document.createElement('div');
          div.append(...parts);
          return div;
        };
        const lines = series.map((s, n) => {
          const value = u.data[n + 1]?.[i];
          const text = value === null || value === undefined ? '–' : (s.format ?? number)(value);
          const name = document.createElement('b');
          name.textContent = s.label;
          return line(name, document.createTextNode(`: ${text}`));
        });
        tip.replaceChildren(line(document.createTextNode(when.format(x * 1000))), ...lines);
        tip.hidden = false;
        const left = u.cursor.left ?? 0;
        tip.style.left = `${String(Math.min(left + 12, u.over.clientWidth - tip.offsetWidth))}px`;
        tip.style.top = `${String(Math.max(0, (u.cursor.top ?? 0) - tip.offsetHeight - 8))}px`;
      },
    },
  };
}

export function UplotChart({
  label,
  colors,
  timeZone,
  data,
  series,
  span,
  height = 220,
}: UplotChartProps) {
  const [spanFrom, spanTo] = span;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const axis = (scale: string, right = false): uPlot.Axis => ({
      scale,
      // uplot's Side is an ambient const enum that verbatimModuleSyntax cannot read; 1 = right.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
      ...(right && { side: 1 }),
      stroke: colors.muted,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1 },
      font: axisFont,
      values: (_u, values, _axis, _space, step) => tickLabels(values, step),
      // As wide as its longest label (a follower count of 98.7655M needs more than uplot's
      // 50 px): tick, gap and the label's width in the axis font.
      size: (_u, values) => {
        // Typed string[], but null on the first call, before any tick is known.
        const labels = (values as string[] | null) ?? [];
        const longest = Math.max(0, ...labels.map((v) => measure(v)));
        return Math.ceil(tickSize + axisGap + longest + 2);
      },
    });
    const hasRight = series.some((s) => s.right === true);
    const options: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: {
          time: true,
          // [Note: one time point] uplot widens a single time point by 86400 / ms units
          // (1,000 days in seconds) before it asks for the range, so read the data's ends.
          range: (u, min, max) => {
            const xs = u.data[0];
            return timeAxisRange(xs[0] ?? min, xs[xs.length - 1] ?? max, [
              spanFrom / 1000,
              spanTo / 1000,
            ]);
          },
        },
      },
      axes: [
        {
          stroke: colors.muted,
          grid: { stroke: colors.grid, width: 1 },
          ticks: { stroke: colors.grid },
        },
        axis('y'),
        ...(hasRight ? [{ ...axis('r', true), grid: { show: false } }] : []),
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          scale: s.right === true ? 'r' : 'y',
          stroke: colors[s.color],
          width: 2,
          points: { show: data[0].length < 60 },
        })),
      ],
      plugins: [tooltipPlugin(series, timeZone)],
      hooks: {
        // The drawn time span, in ms, on the element: what a test reads to check that the
        // axis covers the data and not years around it (see [Note: one time point]).
        setScale: [
          (u, key) => {
            const { min, max } = u.scales.x ?? {};
            if (key !== 'x' || min === undefined || max === undefined) return;
            el.dataset.xFrom = String(Math.round(min * 1000));
            el.dataset.xTo = String(Math.round(max * 1000));
          },
        ],
      },
    };
    const seconds = data[0].map((ms) => ms / 1000);
    const plot = new uPlot(options, [seconds, ...data.slice(1)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: el.clientWidth, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [colors, timeZone, data, series, height, spanFrom, spanTo]);
  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
