// GET /api/v2/instance (the limits a client must respect) and, on a 4.3 instance,
// GET /.well-known/oauth-authorization-server (RFC 8414 metadata, PKCE S256).
import { json, pageNotFound, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import { charactersReservedPerUrl } from './status-text.ts';
import type { Store } from './store.ts';

const mb = 1024 * 1024;
export const imageSizeLimit = 16 * mb;
export const videoSizeLimit = 99 * mb;
export const descriptionLimit = 1500;
export const maxMediaAttachments = 4;

export const supportedMimeTypes: Readonly<Record<string, 'image' | 'gifv' | 'video' | 'audio'>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  // Mastodon turns GIFs into looping MP4s (gifv), processed like video.
  'image/gif': 'gifv',
  'image/heic': 'image',
  'image/heif': 'image',
  'image/webp': 'image',
  'image/avif': 'image',
  'video/webm': 'video',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'video/ogg': 'video',
  'audio/wave': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'audio/ogg': 'audio',
  'audio/vorbis': 'audio',
  'audio/mpeg': 'audio',
  'audio/mp3': 'audio',
  'audio/webm': 'audio',
  'audio/flac': 'audio',
  'audio/aac': 'audio',
  'audio/m4a': 'audio',
  'audio/mp4': 'audio',
  'audio/3gpp': 'audio',
};

export const scopesSupported = [
  'read',
  'write',
  'write:accounts',
  'write:blocks',
  'write:bookmarks',
  'write:conversations',
  'write:favourites',
  'write:filters',
  'write:follows',
  'write:lists',
  'write:media',
  'write:mutes',
  'write:notifications',
  'write:reports',
  'write:statuses',
  'read:accounts',
  'read:blocks',
  'read:bookmarks',
  'read:favourites',
  'read:filters',
  'read:follows',
  'read:lists',
  'read:mutes',
  'read:notifications',
  'read:search',
  'read:statuses',
  'follow',
  'push',
  'profile',
];

function instance(store: Store): Reply {
  const domain = new URL(store.origin).host;
  return json(200, {
    domain,
    title: 'Fake Mastodon',
    version: store.modern ? '4.3.8' : '4.2.13',
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'A fake Mastodon instance for tests.',
    usage: { users: { active_month: store.users.size } },
    thumbnail: { url: `${store.origin}/packs/media/images/preview.png` },
    languages: ['en'],
    configuration: {
      urls: { streaming: `ws://${domain}` },
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      statuses: {
        max_characters: store.maxCharacters,
        max_media_attachments: maxMediaAttachments,
        characters_reserved_per_url: charactersReservedPerUrl,
      },
      media_attachments: {
        supported_mime_types: Object.keys(supportedMimeTypes),
        description_limit: descriptionLimit,
        image_size_limit: imageSizeLimit,
        image_matrix_limit: 33_177_600,
        video_size_limit: videoSizeLimit,
        video_frame_rate_limit: 120,
        video_matrix_limit: 8_294_400,
      },
      polls: {
        max_options: 4,
        max_characters_per_option: 50,
        min_expiration: 300,
        max_expiration: 2_629_746,
      },
      translation: { enabled: false },
    },
    registrations: { enabled: false, approval_required: false, message: null, url: null },
    // api_versions arrived with 4.3; a 4.2 instance has no such key.
    ...(store.modern ? { api_versions: { mastodon: 2 } } : {}),
    contact: { email: `admin@${domain}`, account: null },
    rules: [],
  });
}

function authorizationServer(store: Store): Reply {
  if (!store.modern) return pageNotFound();
  const o = store.origin;
  return json(200, {
    issuer: `${o}/`,
    service_documentation: 'https://docs.joinmastodon.org/',
    authorization_endpoint: `${o}/oauth/authorize`,
    token_endpoint: `${o}/oauth/token`,
    app_registration_endpoint: `${o}/api/v1/apps`,
    revocation_endpoint: `${o}/oauth/revoke`,
    scopes_supported: scopesSupported,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'password', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  });
}

export function instanceRoutes(store: Store): Route[] {
  return [
    { kind: 'open', method: 'GET', pattern: '/api/v2/instance', handle: () => instance(store) },
    {
      kind: 'open',
      method: 'GET',
      pattern: '/.well-known/oauth-authorization-server',
      handle: () => authorizationServer(store),
    },
  ];
}
