// The media relay: the user's own S3-compatible bucket for networks that fetch media from
// a URL (Instagram, Threads). Spread into the contract (../contract.ts). The keys go in
// (relay:save, relay:test) and never come back out.
import {
  relaySettingsInput,
  relayTestInput,
  type RelayInfo,
  type RelaySaved,
  type RelayTestReport,
} from '../../relay.ts';
import { channel, none } from '../channel.ts';

export const relayChannels = {
  /** The saved relay (endpoint, region, bucket, path style, whether keys are kept), or null. */
  'relay:get': channel<{ relay: RelayInfo | null }>()(() => none),
  /**
   * Puts a small object, signs a GET link for it, fetches it through the link and deletes
   * it, reporting each step in words. `settings` (keys left out: the saved ones) tries a
   * relay before saving; without it, the saved relay. NOT_FOUND when none is saved; a step
   * that fails is a report with ok: false, not an error.
   */
  'relay:test': channel<RelayTestReport>()(() => relayTestInput),
  /**
   * Runs the test on these settings and keeps them (keys in the vault) only if it passed;
   * otherwise VALIDATION with the failed step's words and the report in details, and
   * nothing kept. Keys left out keep the saved ones.
   */
  'relay:save': channel<RelaySaved>()(() => relaySettingsInput),
  /** Forgets the relay and its keys. Objects already in the bucket are left to its own rules. */
  'relay:forget': channel<{ relay: null }>()(() => none),
} as const;
