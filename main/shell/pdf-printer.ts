// The desktop app's printPdf port: Electron's own Chromium prints the report page, so a
// PDF needs no browser installed. The page is loaded into a hidden, sandboxed window
// with JavaScript off; the report is self-contained HTML (inline SVG charts, its own CSP).
import { BrowserWindow } from 'electron';
import { printWindowOptions } from './window-options.ts';

export function createPdfPrinter(): (html: string) => Promise<Buffer> {
  return async (html) => {
    const window = new BrowserWindow(printWindowOptions());
    try {
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    } finally {
      window.destroy();
    }
  };
}
