// The composer's benchmarks (see ../types.ts); to be joined in ../benchmarks.ts. What one
// keystroke costs in the editor (X counting, the checks and the cost estimate over a long
// thread), and one autosave of that thread through dispatch on a real SQLite file.
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { tempBenchDir } from './composer-temp.ts';
import { composeIssuesFor, estimateCost, type ComposePart } from '../../shared/compose.ts';
import { countXText } from '../../shared/networks/x-text.ts';
import type { Benchmark } from '../types.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** 25 parts (X's longest thread here) of ~270 characters with links, emoji, mentions. */
function longThread(accounts: string[], media: (i: number) => string[]): ComposePart[] {
  return Array.from({ length: 25 }, (_, i) => ({
    text: `Part ${String(i + 1)}: fresh sourdough 🍞 at @brightbakes, order at https://bakery.com/p/${String(i)} ${'and more words '.repeat(14)}#bread`,
    variants: Object.fromEntries(
      accounts.slice(1).map((a) => [a, `Teil ${String(i + 1)} ${'Brot '.repeat(40)}`]),
    ),
    media: media(i).map((mediaId) => ({ mediaId, altText: 'A loaf on a board' })),
  }));
}

export const composerBenchmarks: Benchmark[] = [
  {
    name: 'composer-keystroke',
    description:
      'What the editor recomputes per keystroke on a 25-part thread to 3 accounts with 4 images a part: X counting of every text, the checks and the cost estimate (target: well inside one 16 ms frame)',
    run() {
      const accounts = ['a1', 'a2', 'a3'];
      const onX = accounts.map((id) => ({
        id,
        handle: id,
        platform: 'x' as const,
        textLimit: null,
      }));
      const parts = longThread(accounts, (i) =>
        [0, 1, 2, 3].map((n) => `m${String(i)}-${String(n)}`),
      );
      const image = {
        kind: 'image' as const,
        mime: 'image/png',
        bytes: 400_000,
        durationMs: null,
        name: 'loaf.png',
      };
      const once = () => {
        for (const p of parts) {
          countXText(p.text);
          for (const v of Object.values(p.variants)) countXText(v);
        }
        composeIssuesFor({ accounts: onX, parts }, () => image);
        estimateCost(parts, onX);
      };
      for (let i = 0; i < 20; i += 1) once();
      const samples: number[] = [];
      for (let i = 0; i < 200; i += 1) {
        const started = performance.now();
        once();
        samples.push(performance.now() - started);
      }
      return Promise.resolve({ unit: 'ms', samples, target: { stat: 'median', atMost: 8 } });
    },
  },
  {
    name: 'composer-autosave',
    description:
      'drafts:save through dispatch of a 25-part thread to 3 accounts (parts, variants and targets replaced in one transaction) on a real SQLite file, as the editor does a second after typing stops',
    async run() {
      const dataDir = tempBenchDir();
      const ports = createNodePorts(dataDir, { logger: silent });
      const core = await createCore({ dataDir, host: 'cli', ports });
      const made = await core.invoke('clients:create', {
        name: 'Bench bakery',
        timezone: 'Europe/Berlin',
      });
      if (!made.ok) throw new Error(made.error.message);
      const clientId = made.value.id;
      const now = Date.now();
      const accounts = ['bench-a1', 'bench-a2', 'bench-a3'];
      for (const [i, id] of accounts.entries()) {
        await core.database.db
          .insertInto('social_accounts')
          .values({
            id,
            client_id: clientId,
            platform: 'x',
            platform_user_id: String(100 + i),
            handle: `bench${String(i)}`,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      const parts = longThread(accounts, () => []).map((p) => ({
        text: p.text,
        variants: p.variants,
      }));
      let id: string | undefined;
      const save = async () => {
        const result = await core.invoke('drafts:save', {
          ...(id === undefined ? {} : { id }),
          clientId,
          accountIds: accounts,
          parts,
        });
        if (!result.ok) throw new Error(result.error.message);
        id = result.value.id;
      };
      for (let i = 0; i < 10; i += 1) await save();
      const samples: number[] = [];
      for (let i = 0; i < 100; i += 1) {
        const started = performance.now();
        await save();
        samples.push(performance.now() - started);
      }
      await core.close();
      return { unit: 'ms', samples, target: { stat: 'median', atMost: 25 } };
    },
  },
];
