// PDFs printed by headless Chromium (the CLI, the daemon, the browser host) run no script
// of the page, as the desktop app's printer does: a page that grows itself by script
// prints as its HTML alone.
import { describe, expect, it } from 'vitest';
import { printHtmlToPdf } from '../../main/core/analytics/report-pdf.ts';

const pageCount = (pdf: Buffer) => Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);

describe('printing a page to PDF', () => {
  it('runs none of its scripts', async () => {
    const growing = `<p>One page</p><script>
      for (let i = 0; i < 300; i++) document.body.append(Object.assign(
        document.createElement('p'), { textContent: 'line ' + i }));
    </script>`;
    expect(
      pageCount(await printHtmlToPdf(`<!DOCTYPE html><html><body>${growing}</body></html>`)),
    ).toBe(1);
    expect(pageCount(await printHtmlToPdf(growing))).toBe(1);
  });
});
