// `starling text count`: a text's length as a network counts it, by the composer's own
// rules (shared/networks). The first network (X) stays the default, with the output it
// always had.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { firstPlatform, platforms, type Platform } from '../../shared/accounts.ts';
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
        .default(firstPlatform),
    )
    .option('--limit <n>', "a Mastodon instance's own limit (default 500)", parseLimit)
    .action(async (opts: { text: string; network: Platform; limit?: number }, cmd: Command) => {
      const out = createOutput(cmd.optsWithGlobals<{ json?: boolean }>().json === true);
      // The counting rules bring twitter-text, which no other command needs at start.
      const { networkRules } = await import('../../shared/networks/index.ts');
      const rules = networkRules[opts.network];
      if (opts.limit !== undefined && rules.serverLimit === undefined) {
        // Most networks' limits are the network's own, the same for every account.
        const servers = platforms.flatMap((p) => {
          const { label, serverLimit } = networkRules[p];
          return serverLimit === undefined ? [] : [`a ${label} ${serverLimit}'s`];
        });
        out.error({
          code: 'VALIDATION',
          message: `--limit is ${servers.join(' or ')} own limit; ${rules.label} allows ${String(rules.textLimit)} for everyone.`,
        });
        return;
      }
      const counted = rules.count(opts.text, opts.limit);
      const empty = opts.text.trim() === '';
      // A network with a verdict of its own keeps it (X refuses characters it never accepts).
      const valid = counted.valid ?? (!empty && counted.overFrom === null);
      const over = counted.length - counted.limit;
      const value = {
        network: opts.network,
        length: counted.length,
        limit: counted.limit,
        valid,
        // The field scripts read before other networks existed.
        ...(rules.countField !== undefined && { [rules.countField]: counted.length }),
      };
      // The first network's lines read as they always did; another is named in its verdict.
      const on = opts.network === firstPlatform ? '' : ` ${rules.label}`;
      out.result(value, () => {
        const shown = `${String(counted.length)}/${String(counted.limit)}`;
        if (empty) return `${shown}: empty text cannot be posted`;
        if (over > 0) return `${shown}: ${String(over)} over the${on} limit`;
        return valid
          ? `${shown}: fits in one${on} post`
          : `${shown}: ${rules.label} would refuse this text`;
      });
    });
}
