// `starling serve`: the browser host. Builds the renderer first if it was never built,
// so it works straight after `npm install`. The host listens before the core has opened,
// so an upgrade of the user's data (minutes for a big archive) shows on the upgrade page:
// its address is printed as soon as the upgrade begins, else once the core is ready.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { UpgradeProgress } from '../../shared/upgrade-progress.ts';
import type { BrowserHost } from '../host/browser-host.ts';
import { createOutput, type Output } from './output.ts';
import type { StartCore } from './main.ts';

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

export function addServeCommand(program: Command, startCore: StartCore): void {
  program
    .command('serve')
    .description('serve the Starling UI to your browser on 127.0.0.1')
    .option('--port <n>', 'port to listen on (default: any free port)', '0')
    // Off by default: a browser tab opened for a look should not start posting to X.
    .option('--publish', 'also publish scheduled posts while serving (as `starling daemon` does)')
    .action(async (opts: { port: string; publish?: boolean }, cmd: Command) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) {
        createOutput(cmd.optsWithGlobals<{ json?: boolean }>().json === true).error({
          code: 'VALIDATION',
          message: `--port must be a number from 0 to 65535, not "${opts.port}".`,
        });
        return;
      }
      await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
      // What the upgrade does, once it has begun (set from the core's callback).
      const latest: { upgrade: UpgradeProgress | null } = { upgrade: null };
      let host: BrowserHost | null = null;
      let announced = false;
      const announce = (out: Output) => {
        if (announced || host === null) return;
        announced = true;
        const { url } = host;
        out.result({ url, port: host.port }, () => `Starling is running at ${url}`);
      };
      const {
        core: opening,
        out,
        logger,
      } = await startCore(cmd, 'browser', (progress) => {
        latest.upgrade = progress;
        announce(out);
      });
      // Awaited below, once the host listens; never an unhandled rejection meanwhile.
      opening.catch(() => undefined);
      const { startBrowserHost } = await import('../host/browser-host.ts');
      host = await startBrowserHost({
        core: opening,
        upgradeProgress: () => latest.upgrade,
        rendererDir,
        port,
        logger,
      });
      // Reported before the host listened: the upgrade is under way already.
      if (latest.upgrade !== null) announce(out);
      const listening = host;
      const core = await opening.catch(async (error: unknown) => {
        await listening.close();
        throw error;
      });
      if (opts.publish === true) await core.startBackground();
      announce(out);
      const stop = () => {
        void listening.close().then(() => core.close());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
