// `starling posts search QUERY [--client ID] [--limit N]`: posts whose text matches, best
// first, through the same dispatch as the app (posts:search); the matched words are shown
// in [brackets] in the terminal, and marked as pieces in --json.
import { InvalidArgumentError, type Command } from 'commander';
import { postSearchLimits, type PostSearchResult } from '../../shared/post-search.ts';
import type { RunWithCore } from './clients-commands.ts';
import { textTable } from './text-table.ts';

function parseLimit(value: string): number {
  const limit = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > postSearchLimits.limitMax) {
    throw new InvalidArgumentError(
      `The limit must be a whole number from 1 to ${String(postSearchLimits.limitMax)}.`,
    );
  }
  return limit;
}

/** The hits as a table: id, when, status, the part and its snippet with [matches]. */
export function searchTable(result: PostSearchResult): string {
  if (result.hits.length === 0) return 'No posts match.';
  const rows = result.hits.map((h) => [
    h.postId,
    h.localTime === null ? 'not scheduled' : `${h.localTime.replace('T', ' ')} ${h.timezone}`,
    h.status.replace('_', ' '),
    String(h.partPosition + 1),
    h.snippet
      .map((p) => (p.match ? `[${p.text}]` : p.text))
      .join('')
      .replaceAll('\n', ' '),
  ]);
  const table = textTable(['ID', 'WHEN', 'STATUS', 'PART', 'TEXT'], rows);
  return result.more
    ? `${table}\nMany posts match: these are the best of the most recent. Add words to narrow the search.`
    : table;
}

export function addSearchCommand(posts: Command, run: RunWithCore): void {
  posts
    .command('search')
    .description('find posts by their text, best match first')
    .argument(
      '<query>',
      'words that must all appear; "a phrase"; word* for a prefix; OR between two; -word to leave out',
    )
    .option('--client <id>', "only this client's posts")
    .option(
      '--limit <n>',
      `at most this many posts (default ${String(postSearchLimits.limitDefault)})`,
      parseLimit,
    )
    .action((query: string, opts: { client?: string; limit?: number }, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          const input = {
            query,
            ...(opts.client !== undefined && { clientId: opts.client }),
            ...(opts.limit !== undefined && { limit: opts.limit }),
          };
          out.answer(await invoke('posts:search', input), searchTable);
        },
        'reads',
      ),
    );
}
