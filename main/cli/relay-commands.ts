// `starling relay test`: the settings' Test button on the command line. It reads the saved
// media relay (the keys need the vault: STARLING_VAULT_PASSPHRASE), puts, signs, fetches and
// deletes a small object, and prints each step; a step that fails exits non-zero.
import type { Command } from 'commander';
import type { RelayTestReport } from '../../shared/relay.ts';
import type { RunWithCore } from './clients-commands.ts';

const marks = { passed: '✓', failed: '✗', skipped: '-' } as const;

/** The report as lines: one a step, then any warnings. */
export function relayReportText(report: RelayTestReport): string {
  const lines = report.steps.map((s) => `${marks[s.outcome]} ${s.step.padEnd(7)} ${s.message}`);
  for (const warning of report.warnings) lines.push(`! ${warning}`);
  if (report.ok) lines.push('The media relay works.');
  return lines.join('\n');
}

export function addRelayCommands(program: Command, run: RunWithCore): void {
  const relay = program
    .command('relay')
    .description('the media relay: your S3-compatible bucket for Instagram and Threads media');
  relay
    .command('test')
    .description('put, sign, fetch and delete a small object in the saved bucket')
    .action((_opts: unknown, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          const result = await invoke('relay:test', {});
          if (!result.ok) {
            out.error(result.error);
            return;
          }
          const report = result.value;
          if (report.ok) {
            out.result(report, () => relayReportText(report));
            return;
          }
          if (!out.json) process.stdout.write(`${relayReportText(report)}\n`);
          const failed = report.steps.find((s) => s.outcome === 'failed');
          out.error({
            code: 'PLATFORM_REJECTED',
            message: `The media relay test failed at "${failed?.step ?? '?'}": ${failed?.message ?? ''}`,
            details: { report },
          });
        },
        'reads',
      ),
    );
}
