// The packaged app's Electron fuses, read from electron-builder.yml as shipped: no
// ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, cookies encrypted, the app only
// from an integrity-checked asar, no file:// privileges. Only `npm run dist -- --e2e`
// (what the Playwright Electron tests drive) turns the inspect fuse on.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builderArgs } from '../../scripts/dist-args.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The `electronFuses:` block of electron-builder.yml as name → boolean. */
function shippedFuses(): Record<string, boolean> {
  const lines = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('electronFuses:'));
  expect(start).toBeGreaterThanOrEqual(0);
  const fuses: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const match = /^\s+(\w+):\s*(true|false)\s*$/.exec(line);
    if (match?.[1] !== undefined) fuses[match[1]] = match[2] === 'true';
  }
  return fuses;
}

describe('electron fuses', () => {
  it('ship locked down', () => {
    expect(shippedFuses()).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('turn inspect on only for the e2e build, into its own folder', () => {
    const plain = builderArgs(['--linux'], { electronDist: null });
    expect(plain).toEqual(['--config', 'electron-builder.yml', '--linux']);
    const e2e = builderArgs(['--e2e', '--linux'], { electronDist: '/e' });
    expect(e2e).toContain('--config.electronFuses.enableNodeCliInspectArguments=true');
    expect(e2e).toContain(`--config.directories.output=${path.join('dist', 'e2e')}`);
    expect(e2e).not.toContain('--e2e');
    expect(e2e.at(-1)).toBe('--config.electronDist=/e');
  });
});
