// The built preload (out/preload/index.cjs) run the way a sandboxed renderer runs it: a
// CommonJS script whose require() knows only 'electron', here a recording fake. It must
// expose exactly a frozen { invoke, on }, send only contract channels over IPC, and hand
// pushed events only to listeners of that event.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../shared/ipc/bridge.ts';
import { buildElectronOnce, root } from './build-electron.ts';

type IpcListener = (event: unknown, message: unknown) => void;

function loadPreload() {
  const invoked: [string, unknown][] = [];
  const ipcListeners = new Map<string, IpcListener[]>();
  const exposed = new Map<string, unknown>();
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
    },
    ipcRenderer: {
      invoke(channel: string, input: unknown) {
        invoked.push([channel, input]);
        return Promise.resolve({ ok: true, value: `answer to ${channel}` });
      },
      on(channel: string, listener: IpcListener) {
        ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
      },
    },
  };
  const required: string[] = [];
  const code = fs.readFileSync(path.join(root, 'out', 'preload', 'index.cjs'), 'utf8');
  const module = { exports: {} };
  vm.runInNewContext(code, {
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
    module,
    exports: module.exports,
    console,
  });
  const push = (message: unknown) => {
    for (const listener of ipcListeners.get('starling:event') ?? []) listener({}, message);
  };
  return { api: exposed.get('starling') as PreloadApi, exposed, invoked, required, push };
}

describe('the built preload', () => {
  beforeAll(async () => {
    await buildElectronOnce();
  });

  it('exposes one frozen object with invoke and on, and requires only electron', () => {
    const { api, exposed, required } = loadPreload();
    expect([...exposed.keys()]).toEqual(['starling']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(required).toEqual(['electron']);
  });

  it('sends contract channels over IPC and refuses anything else without sending it', async () => {
    const { api, invoked } = loadPreload();
    await expect(api.invoke('clients:list', { includeArchived: true })).resolves.toEqual({
      ok: true,
      value: 'answer to clients:list',
    });
    for (const channel of ['clients:drop', 'electron-store-get-data', '__proto__', 'toString']) {
      await expect(api.invoke(channel, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    await expect(api.invoke(42 as unknown as string, {})).resolves.toMatchObject({ ok: false });
    expect(invoked).toEqual([['clients:list', { includeArchived: true }]]);
  });

  it('delivers each pushed event to its own listeners until they unsubscribe', () => {
    const { api, push } = loadPreload();
    const saved: unknown[] = [];
    const changed: unknown[] = [];
    const stopSaved = api.on('client:saved', (p) => saved.push(p));
    api.on('preferences:changed', (p) => changed.push(p));
    push({ event: 'client:saved', payload: { client: { id: 'c1' } } });
    push({ event: 'preferences:changed', payload: { preferences: { theme: 'dark' } } });
    push({ event: 'not:an-event', payload: {} });
    stopSaved();
    push({ event: 'client:saved', payload: { client: { id: 'c2' } } });
    expect(saved).toEqual([{ client: { id: 'c1' } }]);
    expect(changed).toEqual([{ preferences: { theme: 'dark' } }]);
    expect(() => api.on('not:an-event', () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('client:saved', 'nope' as unknown as () => void)).toThrow(/function/);
  });
});
