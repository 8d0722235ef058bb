// `starling clients …`: thin wrappers that send the same payloads as the UI through
// the core's dispatch, so the CLI and the app share every rule.
import { InvalidArgumentError, type Command } from 'commander';
import type { Client } from '../../shared/clients.ts';
import type { Invoke } from '../../shared/ipc/contract.ts';
import type { Clock } from '../core/ports.ts';
import type { Output } from './output.ts';
import { textTable } from './text-table.ts';

/**
 * Opens the core for one command; `clock` is the core's, for a command's "now". A command
 * that only reads says so (`'reads'`), and opens faster (main.ts).
 */
export type RunWithCore = (
  cmd: Command,
  work: (invoke: Invoke, out: Output, clock: Clock) => Promise<void>,
  access?: 'reads' | 'writes',
) => Promise<void>;

interface ClientOptions {
  name?: string;
  timezone?: string;
  color?: string;
  notes?: string;
  graceMinutes?: number;
  requireApproval?: boolean;
}

/** `--require-approval true|false`: spelled out, so a script never flips it by accident. */
function parseOnOff(value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError('Say true or false.');
}

const fields = (o: ClientOptions) => ({
  ...(o.name !== undefined && { name: o.name }),
  ...(o.timezone !== undefined && { timezone: o.timezone }),
  ...(o.color !== undefined && { color: o.color }),
  ...(o.notes !== undefined && { notes: o.notes }),
  ...(o.graceMinutes !== undefined && { graceMinutes: o.graceMinutes }),
  ...(o.requireApproval !== undefined && { requireApproval: o.requireApproval }),
});

const describeClient = (c: Client) =>
  [
    `${c.name}${c.archivedAt === null ? '' : ' (archived)'}`,
    `  id        ${c.id}`,
    `  time zone ${c.timezone}`,
    `  colour    ${c.color}`,
    `  grace     ${String(c.graceMinutes)} min (a post found late by more is marked missed)`,
    `  approval  ${c.requireApproval ? 'required: posts go out only once the client approves them' : 'not required'}`,
    ...(c.notes === '' ? [] : [`  notes     ${c.notes.replaceAll('\n', '\n            ')}`]),
  ].join('\n');

function table(clients: Client[]): string {
  if (clients.length === 0) return 'No clients yet. Add one with: starling clients add --name NAME';
  const rows = clients.map((c) => [
    c.id,
    c.name + (c.archivedAt === null ? '' : ' (archived)'),
    c.timezone,
    c.color,
  ]);
  const head = ['ID', 'NAME', 'TIME ZONE', 'COLOUR'];
  return textTable(head, rows);
}

export function addClientsCommands(program: Command, run: RunWithCore): void {
  const clients = program.command('clients').description('manage clients');
  const withFields = (cmd: Command, nameRequired: boolean) => {
    const nameHelp = 'client name (1-80 characters)';
    const named = nameRequired
      ? cmd.requiredOption('--name <name>', nameHelp)
      : cmd.option('--name <name>', nameHelp);
    return named
      .option('--timezone <iana>', "IANA time zone, e.g. Europe/Berlin (default: this machine's)")
      .option('--color <hex>', 'colour as #RRGGBB')
      .option('--notes <text>', 'free-form notes')
      .option(
        '--grace-minutes <n>',
        'how late (0-1440 min) a post may still go out after the machine was off or asleep; default 120',
        Number,
      )
      .option(
        '--require-approval <true|false>',
        'hold each post until the client approves it (starling review …); default false',
        parseOnOff,
      );
  };

  withFields(clients.command('add').description('add a client'), true).action(
    (opts: ClientOptions, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(
          await invoke('clients:create', { name: opts.name ?? '', ...fields(opts) }),
          (value) => `Added client:\n${describeClient(value)}`,
        );
      }),
  );

  clients
    .command('list')
    .description('list clients')
    .option('--all', 'include archived clients')
    .action((opts: { all?: boolean }, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          out.answer(
            await invoke('clients:list', { includeArchived: opts.all === true }),
            (value) => table(value),
          );
        },
        'reads',
      ),
    );

  withFields(
    clients.command('update').description('change a client').argument('<id>', 'client id'),
    false,
  ).action((id: string, opts: ClientOptions, cmd: Command) =>
    run(cmd, async (invoke, out) => {
      if (Object.keys(fields(opts)).length === 0) {
        out.error({
          code: 'VALIDATION',
          message:
            'Nothing to change: give at least one of --name, --timezone, --color, --notes, --grace-minutes, --require-approval.',
        });
        return;
      }
      out.answer(
        await invoke('clients:update', { id, ...fields(opts) }),
        (value) => `Updated client:\n${describeClient(value)}`,
      );
    }),
  );

  clients
    .command('archive')
    .description('archive a client (nothing is deleted)')
    .argument('<id>', 'client id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(
          await invoke('clients:archive', { id }),
          (value) => `Archived client:\n${describeClient(value)}`,
        );
      }),
    );
}
