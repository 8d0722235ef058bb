// `starling serve`: the browser host. Builds the renderer first if it was never built,
// so it works straight after `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { HostKind } from '../../shared/app.ts';
import type { CoreHandle } from './main.ts';

/**
 * The folder with Starling's package.json: two up from main/cli when run from the sources,
 * and found by walking up from out/cli (or a chunk below it) when run from the bundle.
 */
export const projectRoot = findProjectRoot(import.meta.dirname);

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin'))) {
      return dir;
    }
    if (path.dirname(dir) === dir) return path.resolve(import.meta.dirname, '..', '..');
  }
}
export const rendererDir = path.join(projectRoot, 'out', 'renderer');

async function ensureRendererBuilt(log: (line: string) => void): Promise<void> {
  if (fs.existsSync(path.join(rendererDir, 'index.html'))) return;
  log('Building the user interface (first run only)…');
  const vite = await import('vite');
  await vite.build({
    configFile: path.join(projectRoot, 'vite.renderer.config.ts'),
    logLevel: 'warn',
  });
}

export function addServeCommand(
  program: Command,
  openCore: (cmd: Command, host: HostKind) => Promise<CoreHandle>,
): void {
  program
    .command('serve')
    .description('serve the Starling UI to your browser on 127.0.0.1')
    .option('--port <n>', 'port to listen on (default: any free port)', '0')
    // Off by default: a browser tab opened for a look should not start posting to X.
    .option('--publish', 'also publish scheduled posts while serving (as `starling daemon` does)')
    .action(async (opts: { port: string; publish?: boolean }, cmd: Command) => {
      const port = Number(opts.port);
      const { core, out, logger } = await openCore(cmd, 'browser');
      if (!/^\d+$/.test(opts.port) || port > 65535) {
        out.error({
          code: 'VALIDATION',
          message: `--port must be a number from 0 to 65535, not "${opts.port}".`,
        });
        await core.close();
        return;
      }
      await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
      const { startBrowserHost } = await import('../host/browser-host.ts');
      const host = await startBrowserHost({ core, rendererDir, port, logger });
      if (opts.publish === true) await core.startBackground();
      out.result({ url: host.url, port: host.port }, () => `Starling is running at ${host.url}`);
      const stop = () => {
        void host.close().then(() => core.close());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
