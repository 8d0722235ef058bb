// The demo's clients and what hangs off them: their accounts, follower readings, photos
// (imported through the core so each has its thumbnail), a campaign and queue slots.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import type { Core } from '../../main/core/create-core.ts';
import type { ClientSpec } from './demo-content.ts';
import { dayMs, hourMs, type Db } from './demo-posts.ts';
import { makeNetworkAccount } from './network-account-rows.ts';

export async function addClient(db: Db, spec: ClientSpec, now: number) {
  const id = uuidv7();
  await db
    .insertInto('clients')
    .values({
      id,
      name: spec.name,
      color: spec.color,
      timezone: spec.timezone,
      notes: '',
      created_at: now - 60 * dayMs,
      updated_at: now - 60 * dayMs,
    })
    .execute();
  const accounts: string[] = [];
  for (const account of spec.accounts) accounts.push(await makeNetworkAccount(db, id, account));
  return { id, name: spec.name, accounts };
}

export async function addFollowers(
  db: Db,
  accountId: string,
  now: number,
  count: number,
  base: number,
) {
  const span = 29 * dayMs;
  for (let i = 0; i < count; i += 1) {
    const at = count === 1 ? now - 2 * hourMs : now - span + (span * i) / (count - 1);
    await db
      .insertInto('account_metric_snapshots')
      .values({
        account_id: accountId,
        fetched_at: Math.round(at),
        followers: base + Math.round(i * (count > 100 ? 0.4 : 9) + 15 * Math.sin(i / 7)),
        following: 180,
        posts_count: 900 + i,
      })
      .execute();
  }
}

/** Photos imported through the core's media library, so each has its thumbnail. */
export async function addMedia(core: Core, dataDir: string, clientId: string, long: boolean) {
  const colours = ['#b45309', '#0f766e', '#7c3aed', '#be123c'];
  const short = ['sourdough-saturday', 'new-hours', 'team-lena', 'cinnamon-buns'];
  const folder = fs.mkdtempSync(path.join(dataDir, 'demo-photos-'));
  for (const [i, background] of colours.entries()) {
    const name = long
      ? `northern-lights-sourdough-launch-campaign-final-approved-v${String(i + 1)}.png`
      : `${short[i] ?? 'photo'}.png`;
    const file = path.join(folder, name);
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background } })
      .png()
      .toFile(file);
    await core.media.importFile(file, clientId);
  }
  fs.rmSync(folder, { recursive: true, force: true });
}

export async function addExtras(
  db: Db,
  clientId: string,
  accountId: string,
  long: boolean,
  now: number,
) {
  await db
    .insertInto('campaigns')
    .values({
      id: uuidv7(),
      client_id: clientId,
      name: long ? 'Autumn Harvest Heritage Grain Sourdough Launch 2026' : 'Autumn menu',
      color: '#ea580c',
      starts_on: null,
      ends_on: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [weekday, minute] of [
    [1, 9 * 60],
    [3, 12 * 60 + 30],
    [5, 17 * 60],
  ] as const) {
    await db
      .insertInto('posting_slots')
      .values({
        id: uuidv7(),
        account_id: accountId,
        weekday,
        minute_of_day: minute,
        created_at: now,
      })
      .execute();
  }
}
