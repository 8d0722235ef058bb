// electron-builder's arguments for `npm run dist`. `--e2e` builds the package the
// Playwright Electron tests drive: Playwright attaches through --inspect, so only that
// build turns the inspect fuse on; every other build ships with it off (electron-builder.yml).
import path from 'node:path';

/**
 * @param {string[]} argv what follows `npm run dist --`
 * @param {{ electronDist: string | null }} options an unpacked Electron to package when
 *   no cached zip exists
 */
export function builderArgs(argv, { electronDist }) {
  const e2e = argv.includes('--e2e');
  const args = ['--config', 'electron-builder.yml', ...argv.filter((a) => a !== '--e2e')];
  if (e2e) {
    args.push(
      '--config.electronFuses.enableNodeCliInspectArguments=true',
      `--config.directories.output=${path.join('dist', 'e2e')}`,
    );
  }
  if (electronDist !== null) args.push(`--config.electronDist=${electronDist}`);
  return args;
}
