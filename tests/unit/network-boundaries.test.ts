// [Note: networks named in their folders] A network lives behind the platform port and
// names itself only in its own folders (STYLE.md "Many networks, one shape", DESIGN.md
// "Networks"): the core's main/core/platforms/<network>/ and its registry, the rules in
// shared/networks/, and the renderer's accounts/networks/ (connect guides and forms) and
// composer/networks/ (previews and options). Everywhere else a network is reached through
// those folders' lists, so adding one changes nothing outside them. Checked on the source:
// no file named for a network and no import of one's module; no comparison of a platform
// with a network's name, `case '<network>':`, `Exclude<…, '<network>'>`, `platform:
// '<network>'` or `networkRules.<network>`; no export named for a network. (It reads a
// line at a time, so a comparison split over lines or a network in a UI text escapes it.)
// The places that still do are listed below with the reason each stays; the list may only
// shrink (an entry that no longer offends fails too, so it comes off when its file is fixed).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { platforms } from '../../shared/accounts.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** Every network's name, and Meta's folder that Facebook, Instagram and Threads share. */
const names = [...platforms, 'meta'].join('|');

const networkFolders = [
  new RegExp(`^main/core/platforms/(${names})/`),
  /^main\/core\/platforms\/registry\.ts$/,
  /^shared\/networks\//,
  /^renderer\/src\/features\/accounts\/networks\//,
  /^renderer\/src\/features\/composer\/networks\//,
];

/**
 * Files that still name a network, each with why. Keep the reasons true: fix the file and
 * take it off rather than add to the list.
 */
const known: Record<string, string> = {
  // twitter-api-v2 has no base-URL setting: the core builds X's HTTP route (the agent that
  // tests point at the fake X) and its clients once, beside the other ports.
  'main/core/create-core.ts': 'X clients and their route',
  'main/core/ports.ts': 'X clients and their route',
  'main/core/adapters/node-ports.ts': 'X clients and their route',
  // "Fit for X" crops an image to X's aspect presets and limits, in the media library.
  'main/core/media/library.ts': 'Fit for X',
  'main/core/media/fit-for-x.ts': 'Fit for X',
  'shared/media.ts': "X's media limits, which X's rules and Fit for X use",
  // X's two sign-ins keep IPC channels of their own (accounts:connect-x, -oauth1), whose
  // inputs are part of the IPC contract.
  'shared/accounts.ts': "X's connect channels",
  'main/core/ipc/accounts-feature.ts': "X's connect channels",
  // The CLI's commands are named for their networks (DESIGN.md, the CLI).
  'main/cli/account-pages-commands.ts': "the CLI's network commands",
  'main/cli/accounts-commands.ts': "the CLI's network commands",
  'main/cli/connect-threads-command.ts': "the CLI's network commands",
  'main/cli/facebook-commands.ts': "the CLI's network commands",
  // The database's types, as the migrations made the tables: X's media uploads and reads.
  'main/core/db/schema.ts': "X's own tables",
};

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** A module of one network: in a network's folder, or named for one (`x-text.ts`). */
const networkModule = new RegExp(
  `(^|/)(platforms|networks)/(${names})/|(^|/)(${names})(-[\\w.-]+)?\\.tsx?$|-(${names})\\.tsx?$`,
);
/** The networks' own client libraries. */
const networkLibraries = ['twitter-api-v2', 'twitter-text', '@atproto/'];
/** The networks as their names are written in a type's or component's name. */
const titles = 'X|Bluesky|Mastodon|LinkedIn|Facebook|Instagram|Threads|Meta';
const naming = [
  new RegExp(`\\b(platform|network)\\s*[!=]==?\\s*'(${names})'`),
  new RegExp(`'(${names})'\\s*[!=]==?\\s*(\\w+\\.)?(platform|network)\\b`),
  new RegExp(`\\bnetworkRules(\\.(${names})\\b|\\[\\s*['"](${names})['"]\\s*\\])`),
  new RegExp(`\\bcase\\s+'(${names})'\\s*:`),
  new RegExp(`\\b(Exclude|Extract)<[^>]*'(${names})'`),
  new RegExp(`\\bplatform:\\s*'(${names})'`),
  // An argument on a line of its own: startLoopback(\n 'x',\n …).
  new RegExp(`^\\s*'(${names})',?$`),
  new RegExp(
    `\\bexport\\s+(async\\s+)?(const|function|interface|type|class)\\s+((${names})|(${titles}))[A-Z]`,
  ),
];

/** What in `file` names a network: its imports of one's modules, and lines naming one. */
function offences(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const found: string[] = networkModule.test(file) ? ['is named for a network'] : [];
  for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const specifier = m[1] ?? m[2] ?? '';
    // A folder's list (shared/networks/index.ts, the registry) is how the rest reaches them.
    const target = specifier.startsWith('.')
      ? path.posix.join(path.posix.dirname(file), specifier)
      : specifier;
    if (networkModule.test(target) || networkLibraries.some((l) => specifier.startsWith(l))) {
      found.push(`imports ${specifier}`);
    }
  }
  for (const [i, line] of text.split('\n').entries()) {
    if (naming.some((pattern) => pattern.test(line)))
      found.push(`${String(i + 1)}: ${line.trim()}`);
  }
  return found;
}

describe('networks named only in their folders', () => {
  const files = ['main', 'shared', 'renderer/src', 'preload'].flatMap(sourceFiles);
  const outside = files.filter((f) => !networkFolders.some((folder) => folder.test(f)));

  it('finds the source it checks, inside the folders and out', () => {
    expect(outside.length).toBeGreaterThan(100);
    expect(files.length - outside.length).toBeGreaterThan(50);
  });

  it('finds nothing naming a network outside them but the known places', () => {
    const offenders = Object.fromEntries(
      outside.flatMap((f) => {
        const found = offences(f);
        return found.length === 0 || f in known ? [] : [[f, found]];
      }),
    );
    expect(offenders).toEqual({});
  });

  it('lists as known only places that still name a network', () => {
    const fixed = Object.keys(known).filter((f) => offences(f).length === 0);
    expect(fixed).toEqual([]);
  });

  it('catches what it is for', () => {
    const sample = [
      "if (account.platform === 'x') connect();",
      'const rules = networkRules.mastodon;',
      'export const xMediaLimits = {};',
      "network !== 'bluesky'",
    ];
    for (const line of sample) expect(naming.some((p) => p.test(line))).toBe(true);
    expect(networkModule.test('../shared/networks/x-text.ts')).toBe(true);
    expect(networkModule.test('./platforms/x/x-agent.ts')).toBe(true);
    expect(networkModule.test('./fit-for-x.ts')).toBe(true);
    expect(networkModule.test('shared/networks/index.ts')).toBe(false);
    // uPlot's x scale is not X.
    expect(naming.some((p) => p.test("if (key !== 'x') return;"))).toBe(false);
  });
});
