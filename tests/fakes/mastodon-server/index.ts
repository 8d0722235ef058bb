// A fake Mastodon 4.3 instance for tests, on loopback: app registration, OAuth with PKCE
// and a consent page, statuses with Idempotency-Key, scheduled statuses, async media,
// Rack::Attack rate limits and injected faults. Point a client at fake.origin.
import { createClock } from '../http-kit/clock.ts';
import { Faults } from '../http-kit/faults.ts';
import { RequestLog } from '../http-kit/ledger.ts';
import { defaultAvatar } from './account-view.ts';
import { accountRoutes } from './accounts.ts';
import { appRoutes } from './apps.ts';
import { answerConsent } from '../http-kit/consent.ts';
import { instanceRoutes } from './instance.ts';
import { mediaRoutes } from './media.ts';
import { authorizeRoutes } from './oauth-authorize.ts';
import { tokenRoutes } from './oauth-token.ts';
import { RateLimiter } from './rate-limits.ts';
import { publishDue, scheduledRoutes } from './scheduled.ts';
import { listen, portOf } from './server.ts';
import { createStatus } from './status-rules.ts';
import { isProcessing } from './status-view.ts';
import { statusRoutes } from './statuses.ts';
import type { AppRecord, MediaRecord, ScheduledRecord, StatusRecord, UserRecord } from './store.ts';
import { Store } from './store.ts';
import type {
  FakeMastoApp,
  FakeMastoMedia,
  FakeMastoScheduled,
  FakeMastoStatus,
  FakeMastoUser,
  FakeMastodon,
  FakeMastodonOptions,
} from './types.ts';

export type * from './types.ts';

const publicUser = (u: UserRecord): FakeMastoUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  avatar: u.avatar,
  followers: u.followers,
  following: u.following,
});

const publicStatus = (s: StatusRecord): FakeMastoStatus => ({
  id: s.id,
  accountId: s.accountId,
  text: s.text,
  inReplyToId: s.inReplyToId,
  visibility: s.visibility,
  spoilerText: s.spoilerText,
  sensitive: s.sensitive,
  language: s.language,
  mediaIds: [...s.mediaIds],
  idempotencyKey: s.idempotencyKey,
  scheduledAt: s.scheduledAt,
  createdAt: s.createdAt,
  deleted: s.deleted,
  counts: { ...s.counts },
});

const publicMedia = (m: MediaRecord): FakeMastoMedia => ({
  id: m.id,
  accountId: m.accountId,
  type: m.type,
  mimeType: m.mimeType,
  size: m.size,
  description: m.description,
  focus: m.focus === null ? null : { ...m.focus },
  processing: isProcessing(m) ? 'processing' : 'done',
  statusId: m.statusId,
  scheduledStatusId: m.scheduledStatusId,
  createdAt: m.createdAt,
});

const publicApp = (a: AppRecord): FakeMastoApp => ({
  ...a,
  redirectUris: [...a.redirectUris],
  scopes: [...a.scopes],
});

const publicScheduled = (s: ScheduledRecord): FakeMastoScheduled => ({
  id: s.id,
  accountId: s.accountId,
  scheduledAt: s.scheduledAt,
  text: s.params.text ?? '',
  inReplyToId: s.params.inReplyToId,
  visibility: s.params.visibility,
  spoilerText: s.params.spoilerText,
  mediaIds: [...(s.params.mediaIds ?? [])],
  idempotencyKey: s.idempotencyKey,
  state: s.state,
  statusId: s.statusId,
  createdAt: s.createdAt,
});

export async function startFakeMastodon(options: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const clock = createClock(options.startAt ?? Date.now());
  const store = new Store(clock, {
    maxCharacters: options.maxCharacters ?? 500,
    modern: options.pkce ?? true,
  });
  const faults = new Faults();
  const log = new RequestLog();
  const closing = new AbortController();
  const server = await listen({
    store,
    routes: [
      ...instanceRoutes(store),
      ...appRoutes(store),
      ...authorizeRoutes(store),
      ...tokenRoutes(store),
      ...accountRoutes(store),
      ...statusRoutes(store),
      ...scheduledRoutes(store),
      ...mediaRoutes(store),
    ],
    limiter: new RateLimiter(clock),
    faults,
    log,
    beforeEach: () => publishDue(store),
    closing: closing.signal,
  });
  const port = portOf(server);
  const origin = `http://127.0.0.1:${port}`;
  store.origin = origin;
  let closed: Promise<void> | undefined;

  const status = (id: string): StatusRecord => {
    const found = store.statuses.get(id);
    if (found === undefined) throw new Error(`fake Mastodon has no status ${id}`);
    return found;
  };

  const fake: FakeMastodon = {
    origin,
    port,
    clock,
    close() {
      // Idempotent: a test may close early and its cleanup close again.
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
    addUser(user) {
      const taken = [...store.users.values()].some(
        (u) => u.username.toLowerCase() === user.username.toLowerCase(),
      );
      if (taken) throw new Error(`fake Mastodon already has @${user.username}`);
      const record: UserRecord = {
        id: store.nextId(),
        username: user.username,
        displayName: user.displayName ?? user.username,
        avatar: user.avatar ?? defaultAvatar(origin),
        followers: user.followers ?? 0,
        following: 0,
        createdAt: clock.now(),
      };
      store.users.set(record.id, record);
      // The first account is the one "signed in" in the browser approve() plays.
      store.signedInUserId ??= record.id;
      return publicUser(record);
    },
    signIn(userId) {
      store.user(userId);
      store.signedInUserId = userId;
    },
    async approve(authorizeUrl, opts = {}) {
      if (opts.userId !== undefined) fake.signIn(opts.userId);
      return answerConsent('fake Mastodon', origin, authorizeUrl, opts.deny === true);
    },
    revokeToken(token) {
      const record = store.tokens.get(token);
      if (record === undefined) throw new Error('fake Mastodon never issued that token');
      record.revoked = true;
    },
    revokeUser(userId) {
      store.user(userId);
      for (const record of store.tokens.values()) {
        if (record.userId === userId) record.revoked = true;
      }
    },
    fault: (rule) => {
      faults.add(rule);
    },
    clearFaults: () => {
      faults.clear();
    },
    runScheduled: () => publishDue(store).map(publicStatus),
    ledger: {
      statuses: () => {
        publishDue(store);
        return [...store.statuses.values()].map(publicStatus);
      },
      media: () => [...store.media.values()].map(publicMedia),
      apps: () => [...store.apps.values()].map(publicApp),
      scheduled: () => {
        publishDue(store);
        return [...store.scheduled.values()].map(publicScheduled);
      },
      requests: () => log.all(),
    },
    setStatusCounts(statusId, counts) {
      Object.assign(status(statusId).counts, counts);
    },
    setFollowers(userId, followers) {
      store.user(userId).followers = followers;
    },
    postElsewhere(userId, text) {
      store.user(userId);
      const valid = { text, spoilerText: '', sensitive: false, visibility: 'public' as const };
      return publicStatus(
        createStatus(store, {
          accountId: userId,
          applicationId: null,
          valid: { ...valid, language: 'en', inReplyTo: null, mediaIds: [] },
          idempotencyKey: null,
          scheduledAt: null,
        }),
      );
    },
    mediaProcessingPolls(n) {
      if (!Number.isInteger(n) || n < 0)
        throw new Error(`mediaProcessingPolls needs n >= 0, got ${n}`);
      store.mediaProcessingPolls = n;
    },
  };
  return fake;
}
