// Whether a PDF reached its end. A PDF closes with "%%EOF" (ISO 32000-1, 7.5.5); readers
// such as Acrobat look for it within the last 1,024 bytes, which tolerates the trailing
// bytes some writers and mail gateways leave after it. A file cut off in transfer loses it.
import fs from 'node:fs/promises';

const tailBytes = 1024;

export async function pdfIsComplete(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, tailBytes);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    return tail.includes('%%EOF', 0, 'latin1');
  } finally {
    await handle.close();
  }
}
