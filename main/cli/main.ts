// The `starling` command line: the same core as the app, built in plain Node.
import { Command, CommanderError } from 'commander';
import { systemClock } from '../core/adapters/system-clock.ts';
import type { Core, CoreOptions } from '../core/create-core.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import type { Clock, Logger, Ports } from '../core/ports.ts';
import { appVersion } from '../core/version.ts';
import type { HostKind } from '../../shared/app.ts';
import { AppFailure } from '../../shared/result.ts';
import { addAccountsCommands } from './accounts-commands.ts';
import { addClientsCommands, type RunWithCore } from './clients-commands.ts';
import { addAnalyticsCommands } from './analytics-commands.ts';
import { addCalendarCommands } from './calendar-commands.ts';
import { addDaemonCommand } from './daemon-command.ts';
import { addDataCommands } from './data-commands.ts';
import { addMediaCommands } from './media-commands.ts';
import { createOutput, type Output } from './output.ts';
import { addPostsCommands } from './posts-commands.ts';
import { addRelayCommands } from './relay-commands.ts';
import { addReviewCommands } from './review-commands.ts';
import { addServeCommand } from './serve-command.ts';
import { addTextCommands } from './text-commands.ts';
import { upgradeProgressLines } from './progress.ts';
import type { UpgradeProgress } from '../../shared/upgrade-progress.ts';

interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

export interface CoreHandle {
  core: Core;
  out: Output;
  logger: Logger;
}

function outputFor(cmd: Command): Output {
  return createOutput(cmd.optsWithGlobals<GlobalOptions>().json === true);
}

export type OpenCore = (
  cmd: Command,
  host?: HostKind,
  overrides?: Partial<Ports>,
  tuning?: CoreOptions['tuning'],
) => Promise<CoreHandle>;

interface OpenOptions {
  host?: HostKind;
  overrides?: Partial<Ports>;
  tuning?: CoreOptions['tuning'];
  fullCheck?: boolean;
  /** Also told what an upgrade of the database does (the browser host's page). */
  onUpgradeProgress?: (progress: UpgradeProgress) => void;
}

/** A core still opening, for a host that shows the upgrade meanwhile (`serve`). */
export interface OpeningCore {
  out: Output;
  logger: Logger;
  core: Promise<Core>;
}

export type StartCore = (
  cmd: Command,
  host: HostKind,
  onUpgradeProgress: (progress: UpgradeProgress) => void,
) => Promise<OpeningCore>;

/**
 * How commands open the core, all on one clock: the core's, and the one `backup restore`
 * stamps its kept copy with (it runs without a core). Tests building the program in-process
 * pass a fake one.
 */
function coreOpeners(clock: Clock): {
  openCore: OpenCore;
  startCore: StartCore;
  runWithCore: RunWithCore;
} {
  const start = async (
    cmd: Command,
    { host = 'cli', overrides = {}, tuning, fullCheck = true, onUpgradeProgress }: OpenOptions,
  ): Promise<OpeningCore> => {
    const out = outputFor(cmd);
    const dataDir = cmd.optsWithGlobals<GlobalOptions>().dataDir ?? defaultDataDir();
    // Loaded here, not at the top: `--version`, `--help` and `text count` never need the
    // core, and in the bundle it is a chunk of its own (vite.cli.config.ts).
    const [{ createNodePorts }, { createCore }] = await Promise.all([
      import('../core/adapters/node-ports.ts'),
      import('../core/create-core.ts'),
    ]);
    const ports = createNodePorts(dataDir, { clock, ...overrides });
    // An upgrade says what it does on stderr ([Note: upgrade progress]).
    const lines = upgradeProgressLines();
    const core = createCore({
      dataDir,
      host,
      ports,
      fullCheck,
      ...(tuning !== undefined && { tuning }),
      onUpgradeProgress: (progress) => {
        lines.show(progress);
        onUpgradeProgress?.(progress);
      },
    }).finally(() => {
      lines.end();
    });
    return { core, out, logger: ports.logger };
  };
  const open = async (cmd: Command, options: OpenOptions): Promise<CoreHandle> => {
    const opening = await start(cmd, options);
    return { core: await opening.core, out: opening.out, logger: opening.logger };
  };
  const startCore: StartCore = (cmd, host, onUpgradeProgress) =>
    start(cmd, { host, onUpgradeProgress });
  const openCore: OpenCore = (cmd, host, overrides, tuning) =>
    open(cmd, {
      ...(host !== undefined && { host }),
      ...(overrides !== undefined && { overrides }),
      ...(tuning !== undefined && { tuning }),
    });
  const runWithCore: RunWithCore = async (cmd, work, access = 'writes') => {
    // A command that only reads skips the full database check, which on a big database
    // takes longer than the whole command ([Note: start-up check]).
    const { core, out } = await open(cmd, { fullCheck: access === 'writes' });
    try {
      await work(core.invoke, out, core.clock);
    } finally {
      await core.close();
    }
  };
  return { openCore, startCore, runWithCore };
}

export function buildProgram({ clock = systemClock }: { clock?: Clock } = {}): Command {
  const { openCore, startCore, runWithCore } = coreOpeners(clock);
  const program = new Command('starling')
    .description('Starling: plan and publish social posts for your clients, locally.')
    .version(appVersion, '-v, --version')
    .option('--data-dir <dir>', 'data folder (default: $STARLING_DATA_DIR or the app-data folder)')
    .option('--json', 'print one JSON document on stdout')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  addClientsCommands(program, runWithCore);
  addAccountsCommands(program, runWithCore, openCore);
  addPostsCommands(program, runWithCore, openCore);
  addServeCommand(program, startCore);
  addDaemonCommand(program, openCore);
  addTextCommands(program);
  addCalendarCommands(program, runWithCore);
  addMediaCommands(program, runWithCore, openCore);
  addDataCommands(program, runWithCore, openCore, clock);
  addAnalyticsCommands(program, runWithCore, openCore);
  addReviewCommands(program, runWithCore);
  addRelayCommands(program, runWithCore);
  // Every subcommand reports parse errors through the same path as the root.
  const quiet = (cmd: Command) => {
    cmd.exitOverride().configureOutput({ outputError: () => undefined });
    cmd.commands.forEach(quiet);
  };
  quiet(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const out = createOutput(json);
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      if (error.exitCode === 0) return;
      process.exitCode = 2;
      // Some of commander's messages end in a full stop already.
      const text = error.message.replace(/^error: /, '').replace(/\.$/, '');
      out.error({
        code: 'VALIDATION',
        message: `${text.charAt(0).toUpperCase()}${text.slice(1)}. See starling --help.`,
      });
      return;
    }
    process.exitCode = 1;
    if (error instanceof AppFailure) {
      out.error(error.error);
      return;
    }
    out.error({
      code: 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
