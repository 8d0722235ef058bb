// Bluesky behind the PublishPort: a part is one app.bsky.feed.post record, created under
// the record key (a TID) the publisher chose and stored before the first attempt, so a
// retry can only ever make the same record; an unknown outcome is settled with getRecord
// on that key. Replies name the thread's root and parent by URI and CID. Deleting is
// com.atproto.repo.deleteRecord on the post's own repo and key.
import {
  AppBskyRichtextFacet,
  RichText,
  type AppBskyFeedPost,
  type ComAtprotoRepoStrongRef,
} from '@atproto/api';
import { failure } from '../../../../shared/result.ts';
import type { PartContext, PublishPort, RemoteRef } from '../port.ts';
import { answered } from './errors.ts';
import { preparePartMedia, type MediaDeps, type PartEmbed } from './media.ts';
import { RecordWriteError } from './outcomes.ts';
import type { AccountAgent, BlueskySessions } from './sessions.ts';

const postCollection = 'app.bsky.feed.post';

/** The record at `repo`/posts/`rkey` as a RemoteRef, or null when the PDS has none. */
async function lookUp(
  account: AccountAgent,
  repo: string,
  rkey: string,
): Promise<RemoteRef | null> {
  try {
    const { data } = await account.agent.com.atproto.repo.getRecord({
      repo,
      collection: postCollection,
      rkey,
    });
    return { id: data.uri, ref: data.cid ?? null };
  } catch (error) {
    if (answered(error)?.name === 'RecordNotFound') return null;
    throw error;
  }
}

/** A reply reference needs the CID too; one recorded without it is read back from the PDS. */
async function strongRef(
  account: AccountAgent,
  ref: RemoteRef,
): Promise<ComAtprotoRepoStrongRef.Main> {
  if (ref.ref !== null) return { uri: ref.id, cid: ref.ref };
  const [, , repo = '', , rkey = ''] = ref.id.split('/');
  const found = await lookUp(account, repo, rkey);
  if (found?.ref == null) {
    throw failure('PLATFORM_REJECTED', 'The post this part replies to is no longer on Bluesky.');
  }
  return { uri: found.id, cid: found.ref };
}

/**
 * Links, mentions and hashtags as facets with UTF-8 byte ranges. A mention whose handle
 * does not resolve stays plain text (the library would leave it with an empty DID,
 * which the PDS refuses).
 */
async function richText(account: AccountAgent, text: string): Promise<RichText> {
  const rich = new RichText({ text });
  rich.detectFacetsWithoutResolution();
  const resolve = async (handle: string) => {
    try {
      return (await account.agent.com.atproto.identity.resolveHandle({ handle })).data.did;
    } catch {
      return null;
    }
  };
  const facets: AppBskyRichtextFacet.Main[] = [];
  for (const facet of rich.facets ?? []) {
    let usable = true;
    for (const feature of facet.features) {
      if (AppBskyRichtextFacet.isMention(feature)) {
        const did = await resolve(feature.did);
        if (did === null) usable = false;
        else feature.did = did;
      }
    }
    if (usable) facets.push(facet);
  }
  rich.facets = facets;
  return rich;
}

async function postRecord(
  account: AccountAgent,
  context: PartContext,
  embed: PartEmbed | null,
  now: number,
): Promise<AppBskyFeedPost.Record> {
  const rich = await richText(account, context.part.text);
  const record: AppBskyFeedPost.Record = {
    $type: postCollection,
    text: rich.text,
    createdAt: new Date(now).toISOString(),
  };
  if (rich.facets !== undefined && rich.facets.length > 0) record.facets = rich.facets;
  if (context.parent !== null) {
    const parent = await strongRef(account, context.parent);
    const root = context.root === null ? parent : await strongRef(account, context.root);
    record.reply = { root, parent };
  }
  if (embed !== null) record.embed = embed;
  return record;
}

/** The calls of the PublishPort that talk to Bluesky (platform.ts holds the others). */
export type BlueskySending = Pick<PublishPort, 'prepareMedia' | 'send' | 'find' | 'remove'>;

export function createBlueskySending(
  deps: MediaDeps & { sessions: BlueskySessions },
): BlueskySending {
  const { sessions, clock } = deps;
  return {
    async prepareMedia(context, onUploaded) {
      const account = await sessions.agentFor(context.account.id);
      return preparePartMedia(deps, account, context, onUploaded);
    },

    async send(context, media) {
      if (context.key === null) {
        throw new Error('A Bluesky part is sent only under its record key.');
      }
      const account = await sessions.agentFor(context.account.id);
      const record = await postRecord(account, context, media as PartEmbed | null, clock.now());
      try {
        const { data } = await account.agent.com.atproto.repo.createRecord({
          repo: account.did,
          collection: postCollection,
          rkey: context.key,
          record,
        });
        return { id: data.uri, ref: data.cid };
      } catch (error) {
        throw new RecordWriteError(error);
      }
    },

    async find(context) {
      if (context.key === null) return null;
      const account = await sessions.agentFor(context.account.id);
      return lookUp(account, account.did, context.key);
    },

    async remove(platformAccount, ref) {
      const account = await sessions.agentFor(platformAccount.id);
      const [, , repo = '', collection = '', rkey = ''] = ref.id.split('/');
      if (repo !== account.did || collection !== postCollection) {
        throw failure('PLATFORM_REJECTED', `${ref.id} is not a post of this account.`);
      }
      // deleteRecord succeeds for a record that is not there; ask first, to say so.
      if ((await lookUp(account, repo, rkey)) === null) return false;
      await account.agent.com.atproto.repo.deleteRecord({ repo, collection, rkey });
      return true;
    },
  };
}
