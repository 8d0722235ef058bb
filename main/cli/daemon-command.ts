// `starling daemon`: the desktop app's scheduler without a window, for servers and for
// people who keep the app closed. One line per event on stdout (JSON lines with --json).
// SIGTERM/SIGINT stop claiming, let posts being published finish within the deadline or
// release their leases, and exit 0.
import type { Command } from 'commander';
import type { SchedulerTuning } from '../core/scheduler/engine.ts';
import type { OpenCore } from './main.ts';

interface DaemonLine {
  at: number;
  type: string;
  [field: string]: unknown;
}

function human(line: DaemonLine): string {
  const { at, type, ...fields } = line;
  const rest = Object.entries(fields)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${new Date(at).toISOString()} ${type}${rest === '' ? '' : ` ${rest}`}`;
}

/**
 * STARLING_SCHEDULER_TUNING: JSON of SchedulerTuning fields (shorter waits for the soak
 * test and for trying things out); unset in normal use.
 */
function schedulerTuning(
  env: NodeJS.ProcessEnv,
): { scheduler: Partial<SchedulerTuning> } | undefined {
  const raw = env.STARLING_SCHEDULER_TUNING;
  if (raw === undefined || raw === '') return undefined;
  return { scheduler: JSON.parse(raw) as Partial<SchedulerTuning> };
}

export function addDaemonCommand(program: Command, openCore: OpenCore): void {
  program
    .command('daemon')
    .description('publish scheduled posts in the background, without a window')
    .option('--drain-seconds <n>', 'on stop, how long posts being published may finish', '20')
    .action(async (opts: { drainSeconds: string }, cmd: Command) => {
      const drainMs = Number(opts.drainSeconds) * 1000;
      const { core, out } = await openCore(cmd, 'cli', {}, schedulerTuning(process.env));
      if (!Number.isFinite(drainMs) || drainMs < 0) {
        out.error({ code: 'VALIDATION', message: '--drain-seconds must be a number ≥ 0.' });
        await core.close();
        return;
      }
      const print = (line: DaemonLine) => {
        process.stdout.write(`${out.json ? JSON.stringify(line) : human(line)}\n`);
      };
      core.scheduler.onPostEvent((event) => {
        print({
          at: event.at,
          type: event.type,
          post: event.postId,
          target: event.targetId,
          ...event.detail,
        });
      });
      core.events.on('scheduler:state-changed', (payload) => {
        print({ at: core.clock.now(), type: 'scheduler.state', ...payload });
      });
      // The scheduler's timers do not hold the process open; this does, until a signal.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      const signalled = new Promise<string>((resolve) => {
        process.once('SIGTERM', () => {
          resolve('SIGTERM');
        });
        process.once('SIGINT', () => {
          resolve('SIGINT');
        });
      });
      await core.startBackground();
      // Pause publishing is remembered; a paused daemon says so rather than idling silently.
      const { paused } = core.scheduler.state();
      print({ at: core.clock.now(), type: 'daemon.started', pid: process.pid, paused });

      const signal = await signalled;
      print({ at: core.clock.now(), type: 'daemon.stopping', signal });
      const { finished, released } = await core.scheduler.stop({ deadlineMs: drainMs });
      await core.close();
      clearInterval(keepAlive);
      print({ at: core.clock.now(), type: 'daemon.stopped', finished, released });
      process.exitCode = 0;
    });
}
