// Reads the data-folder override of a launch: `--data-dir DIR` (or `--data-dir=DIR`),
// else STARLING_DATA_DIR, the same names the CLI uses. Pure, tested without Electron.
import path from 'node:path';

export function dataDirOverride(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string | null {
  let fromArgs: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--data-dir') fromArgs = argv[i + 1];
    else if (arg.startsWith('--data-dir=')) fromArgs = arg.slice('--data-dir='.length);
  });
  const chosen = fromArgs ?? env.STARLING_DATA_DIR;
  return chosen === undefined || chosen === '' ? null : path.resolve(cwd, chosen);
}
