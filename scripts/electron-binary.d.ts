// Types of scripts/electron-binary.js for the TypeScript tests that use it.
export interface ElectronBinary {
  path: string | null;
  reason: string;
}
export function findElectronBinary(root: string): ElectronBinary;
export function electronCacheDirs(env?: Record<string, string | undefined>): string[];
export function findElectronZip(
  root: string,
  env?: Record<string, string | undefined>,
): string | null;
export function electronZipName(root: string): string;
