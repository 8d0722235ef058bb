// `starling text count`: a text's length as a network counts it, by the composer's own
// rules (shared/networks). X stays the default, with the output it always had.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { platforms, type Platform } from '../../shared/accounts.ts';
import { createOutput } from './output.ts';

/** Mastodon instances set their own limit; glitch-soc ones go far beyond 500. */
const limitMax = 1_000_000;

function parseLimit(value: string): number {
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > limitMax) {
    throw new InvalidArgumentError(
      `The limit must be a whole number from 1 to ${String(limitMax)}.`,
    );
  }
  return limit;
}

export function addTextCommands(program: Command): void {
  program
    .command('text')
    .description('text tools')
    .command('count')
    .description(
      "count a post's length the way a network does (X: URLs 23, emoji and CJK 2; Bluesky: graphemes; Mastodon: URLs 23; LinkedIn: characters, 3,000; Threads: characters, emoji as UTF-8 bytes, 500)",
    )
    .requiredOption('--text <text>', 'the text to count')
    .addOption(
      new Option('--network <network>', 'the network whose rules count')
        .choices(platforms)
        .default('x'),
    )
    .option('--limit <n>', "a Mastodon instance's own limit (default 500)", parseLimit)
    .action(async (opts: { text: string; network: Platform; limit?: number }, cmd: Command) => {
      const out = createOutput(cmd.optsWithGlobals<{ json?: boolean }>().json === true);
      // The counting rules bring twitter-text, which no other command needs at start.
      const [{ networkRules }, { countXText }] = await Promise.all([
        import('../../shared/networks/index.ts'),
        import('../../shared/x-text.ts'),
      ]);
      const rules = networkRules[opts.network];
      if (opts.limit !== undefined && opts.network !== 'mastodon') {
        // X's and Bluesky's limits are the network's own, the same for every account.
        out.error({
          code: 'VALIDATION',
          message: `--limit is a Mastodon instance's own limit; ${rules.label} allows ${String(rules.textLimit)} for everyone.`,
        });
        return;
      }
      const counted = rules.count(opts.text, opts.limit);
      const empty = opts.text.trim() === '';
      // X keeps twitter-text's verdict (it also refuses characters X never accepts).
      const valid =
        opts.network === 'x' ? countXText(opts.text).valid : !empty && counted.overFrom === null;
      const over = counted.length - counted.limit;
      const value = {
        network: opts.network,
        length: counted.length,
        limit: counted.limit,
        valid,
        // The field scripts read before other networks existed.
        ...(opts.network === 'x' && { weightedLength: counted.length }),
      };
      // X's lines read as they always did; another network is named in its verdict.
      const on = opts.network === 'x' ? '' : ` ${rules.label}`;
      out.result(value, () => {
        const shown = `${String(counted.length)}/${String(counted.limit)}`;
        if (empty) return `${shown}: empty text cannot be posted`;
        if (over > 0) return `${shown}: ${String(over)} over the${on} limit`;
        return valid ? `${shown}: fits in one${on} post` : `${shown}: X would refuse this text`;
      });
    });
}
