// `starling media …`: import files into a client's library (the user names them on the
// command line, so the path is theirs), and list, show, fit and delete media through the
// same channels as the app.
import path from 'node:path';
import type { Command } from 'commander';
import {
  aspectPresets,
  mediaKinds,
  type AspectPreset,
  type MediaAsset,
} from '../../shared/media.ts';
import { AppFailure, failure } from '../../shared/result.ts';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';
import { withProgress } from './progress.ts';
import { textTable } from './text-table.ts';

const megabyte = 1024 * 1024;

export const formatBytes = (bytes: number) =>
  bytes >= megabyte ? `${(bytes / megabyte).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;

const dimensions = (m: MediaAsset) =>
  m.width === null || m.height === null ? '' : `${String(m.width)}×${String(m.height)}`;

const duration = (m: MediaAsset) =>
  m.durationMs === null ? '' : `${(m.durationMs / 1000).toFixed(1)} s`;

function describe(m: MediaAsset): string {
  return [
    m.name,
    `  id        ${m.id}`,
    `  kind      ${m.kind} (${m.mime})`,
    `  size      ${[formatBytes(m.bytes), dimensions(m), duration(m)].filter(Boolean).join(', ')}`,
    `  sha256    ${m.sha256}`,
    `  used by   ${m.uses.length === 0 ? 'no post' : m.uses.map((u) => `${u.postId} (${u.status}) "${u.firstLine}"`).join('\n            ')}`,
    // A document's problems name the network that takes documents; the rest are X's.
    ...m.problems.map((p) => (m.kind === 'document' ? `  refused   ${p}` : `  X refuses ${p}`)),
  ].join('\n');
}

function table(media: MediaAsset[]): string {
  if (media.length === 0) {
    return 'No media. Import with: starling media import FILE --client ID';
  }
  const head = ['ID', 'KIND', 'SIZE', 'PIXELS', 'LENGTH', 'USED', 'NAME'];
  const rows = media.map((m) => [
    m.id,
    m.kind,
    formatBytes(m.bytes),
    dimensions(m),
    duration(m),
    String(m.uses.length),
    m.name +
      (m.problems.length === 0
        ? ''
        : m.kind === 'document'
          ? '  (too large)'
          : '  (too large or long for X)'),
  ]);
  return textTable(head, rows);
}

export function addMediaCommands(program: Command, run: RunWithCore, openCore: OpenCore): void {
  const media = program.command('media').description("manage a client's media library");

  media
    .command('import')
    .description(
      "import images, GIFs, videos or PDFs into a client's library (stored once by content)",
    )
    .argument('<files...>', 'files to import; their type is read from their bytes')
    .requiredOption('--client <id>', 'client whose library receives them')
    .action(async (files: string[], opts: { client: string }, cmd: Command) => {
      const { core, out } = await openCore(cmd);
      const { importAnnounced } = await import('../core/media/import-events.ts');
      const imported: MediaAsset[] = [];
      try {
        for (const file of files) {
          try {
            // Progress on a terminal (not with --json); Ctrl+C removes the partial copy.
            const asset = await withProgress(core, { json: out.json }, (operation) =>
              importAnnounced(core.media, core, operation, path.basename(file), (options) =>
                core.media.importFile(file, opts.client, options),
              ),
            );
            imported.push(asset);
          } catch (error) {
            if (!(error instanceof AppFailure)) throw error;
            const kept =
              imported.length === 0
                ? ''
                : ` (${imported.map((m) => m.name).join(', ')} imported before it and kept)`;
            throw failure(error.error.code, `${error.error.message}${kept}`);
          }
        }
        out.result(imported, () => imported.map((m) => `Imported:\n${describe(m)}`).join('\n'));
      } finally {
        await core.close();
      }
    });

  media
    .command('list')
    .description("list a client's media, newest first")
    .requiredOption('--client <id>', 'client id')
    .option('--search <text>', 'part of the file name')
    .option('--kind <kind>', `only one kind: ${mediaKinds.join(', ')}`)
    .action((opts: { client: string; search?: string; kind?: string }, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          out.answer(
            await invoke('media:list', {
              clientId: opts.client,
              ...(opts.search !== undefined && { search: opts.search }),
              ...(opts.kind !== undefined && { kind: opts.kind as MediaAsset['kind'] }),
            }),
            table,
          );
        },
        'reads',
      ),
    );

  media
    .command('show')
    .description('one asset: its facts, where it is used and what X would refuse')
    .argument('<id>', 'media id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(
        cmd,
        async (invoke, out) => {
          out.answer(await invoke('media:get', { id }), describe);
        },
        'reads',
      ),
    );

  media
    .command('fit')
    .description('crop an image to an X aspect and shrink it under 5 MB, as a new asset')
    .argument('<id>', 'media id of a JPEG, PNG or WebP image')
    .option('--aspect <preset>', `one of ${aspectPresets.join(', ')}`, 'original')
    .action((id: string, opts: { aspect: string }, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(
          await invoke('media:fit', { id, aspect: opts.aspect as AspectPreset }),
          (value) => `Made (the original is kept):\n${describe(value)}`,
        );
      }),
    );

  media
    .command('delete')
    .description('delete an asset no post uses')
    .argument('<id>', 'media id')
    .action((id: string, _opts: unknown, cmd: Command) =>
      run(cmd, async (invoke, out) => {
        out.answer(await invoke('media:delete', { id }), () => `Deleted media ${id}.`);
      }),
    );
}
