// The upload queue the media view and the composer share (renderer/src/features/media/
// upload-queue.ts), against a transport the test answers by hand: files go one at a time
// with their progress, a landed one is handed on and leaves the list, a refused one stays
// with the core's message until dismissed, and Cancel stops one in flight or one waiting.
import { describe, expect, it } from 'vitest';
import type { MediaAsset } from '../../shared/media.ts';
import type { Result } from '../../shared/result.ts';
import {
  createUploadQueue,
  type UploadTransport,
} from '../../renderer/src/features/media/upload-queue.ts';

interface Sending {
  name: string;
  id: string;
  progress: (sent: number, total: number) => void;
  answer: (result: Result<MediaAsset>) => void;
}

/** A transport whose sends wait until the test answers them. */
function handTransport() {
  const sending: Sending[] = [];
  const cancelled: string[] = [];
  const transport: UploadTransport = {
    send: (file, _clientId, id, progress) =>
      new Promise((answer) => {
        sending.push({ name: file.name, id, progress, answer });
      }),
    cancel: (id) => {
      cancelled.push(id);
      const s = sending.find((x) => x.id === id);
      s?.answer({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    },
  };
  return { transport, sending, cancelled };
}

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);
const asset = (name: string) => ({ id: `m-${name}`, name }) as MediaAsset;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('upload queue', () => {
  it('sends one file at a time with its progress, handing on each that lands', async () => {
    const { transport, sending } = handTransport();
    const queue = createUploadQueue(transport);
    const landed: string[] = [];
    const done = queue.getState().upload([file('a.png'), file('b.png', 20)], 'c1', (m) => {
      landed.push(m.name);
    });
    expect(queue.getState().uploads.map((u) => [u.name, u.sent, u.total])).toEqual([
      ['a.png', 0, 10],
      ['b.png', 0, 20],
    ]);
    expect(sending.map((s) => s.name)).toEqual(['a.png']);
    sending[0]?.progress(4, 10);
    expect(queue.getState().uploads[0]).toMatchObject({ sent: 4, total: 10 });
    sending[0]?.answer({ ok: true, value: asset('a.png') });
    await settle();
    expect(landed).toEqual(['a.png']);
    expect(queue.getState().uploads.map((u) => u.name)).toEqual(['b.png']);
    expect(sending.map((s) => s.name)).toEqual(['a.png', 'b.png']);
    sending[1]?.answer({ ok: true, value: asset('b.png') });
    await done;
    expect(landed).toEqual(['a.png', 'b.png']);
    expect(queue.getState().uploads).toEqual([]);
  });

  it("keeps a refused file with the core's message until dismissed", async () => {
    const { transport, sending } = handTransport();
    const queue = createUploadQueue(transport);
    const done = queue.getState().upload([file('menu.jpg')], 'c1');
    sending[0]?.answer({
      ok: false,
      error: { code: 'VALIDATION', message: 'menu.jpg is not a file type Starling recognises.' },
    });
    await done;
    const [refused] = queue.getState().uploads;
    expect(refused).toMatchObject({
      name: 'menu.jpg',
      error: 'menu.jpg is not a file type Starling recognises.',
    });
    queue.getState().dismiss(refused?.id ?? '');
    expect(queue.getState().uploads).toEqual([]);
  });

  it('cancels the one in flight through the transport, and a waiting one before it starts', async () => {
    const { transport, sending, cancelled } = handTransport();
    const queue = createUploadQueue(transport);
    const done = queue.getState().upload([file('a.mov'), file('b.mov'), file('c.mov')], 'c1');
    const [a, b] = queue.getState().uploads;
    queue.getState().cancel(b?.id ?? '');
    expect(cancelled).toEqual([]);
    expect(queue.getState().uploads.map((u) => u.name)).toEqual(['a.mov', 'c.mov']);
    queue.getState().cancel(a?.id ?? '');
    expect(cancelled).toEqual([a?.id]);
    await settle();
    expect(sending.map((s) => s.name)).toEqual(['a.mov', 'c.mov']);
    sending[1]?.answer({ ok: true, value: asset('c.mov') });
    await done;
    expect(queue.getState().uploads).toEqual([]);
  });
});
