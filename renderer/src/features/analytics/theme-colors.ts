// Chart colours from the design tokens, resolved for the current theme. Canvas cannot
// read CSS variables, and a token holding light-dark() only resolves on a real property,
// so a hidden probe element is coloured with each token and its computed colour read.
import { useEffect, useState } from 'react';

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  second: string;
  third: string;
  surface: string;
}

function resolve(token: string, probe: HTMLElement): string {
  probe.style.color = `var(${token})`;
  return getComputedStyle(probe).color;
}

export function readChartColors(): ChartColors {
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  const colors = {
    text: resolve('--text', probe),
    muted: resolve('--text-muted', probe),
    grid: resolve('--border', probe),
    accent: resolve('--accent', probe),
    second: resolve('--danger', probe),
    third: resolve('--success', probe),
    surface: resolve('--surface', probe),
  };
  probe.remove();
  return colors;
}

/** The colours, read again when the theme preference or the system scheme changes. */
export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(readChartColors);
  useEffect(() => {
    const update = () => {
      setColors(readChartColors());
    };
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', update);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', update);
    };
  }, []);
  return colors;
}
