// The Account and CredentialAccount entities as the REST API serialises them.
import type { Store, UserRecord } from './store.ts';

export function defaultAvatar(origin: string): string {
  return `${origin}/avatars/original/missing.png`;
}

function ownStatuses(store: Store, userId: string) {
  return [...store.statuses.values()].filter((s) => s.accountId === userId && !s.deleted);
}

export function accountView(store: Store, user: UserRecord) {
  const statuses = ownStatuses(store, user.id);
  const last = statuses.reduce((max, s) => Math.max(max, s.createdAt), -Infinity);
  const header = `${store.origin}/headers/original/missing.png`;
  return {
    id: user.id,
    username: user.username,
    acct: user.username,
    display_name: user.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    group: false,
    // Mastodon rounds account creation down to the day.
    created_at: `${new Date(user.createdAt).toISOString().slice(0, 10)}T00:00:00.000Z`,
    note: '',
    url: `${store.origin}/@${user.username}`,
    uri: `${store.origin}/users/${user.username}`,
    avatar: user.avatar,
    avatar_static: user.avatar,
    header,
    header_static: header,
    followers_count: user.followers,
    following_count: user.following,
    statuses_count: statuses.length,
    // A date, not a time, unlike every other timestamp in the API.
    last_status_at: Number.isFinite(last) ? new Date(last).toISOString().slice(0, 10) : null,
    hide_collections: null,
    noindex: false,
    emojis: [],
    roles: [],
    fields: [],
  };
}

export function credentialAccountView(store: Store, user: UserRecord) {
  return {
    ...accountView(store, user),
    source: {
      privacy: 'public',
      sensitive: false,
      language: '',
      note: '',
      fields: [],
      follow_requests_count: 0,
      hide_collections: null,
      discoverable: true,
      indexable: true,
    },
    role: { id: '-99', name: '', permissions: '65536', color: '', highlighted: false },
  };
}
