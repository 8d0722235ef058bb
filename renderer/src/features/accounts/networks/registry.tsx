// [Note: renderer network registry] The one place in the renderer that maps a network to its
// pieces: how connecting an account starts, the dialogs connecting shows, the Settings
// sections of networks with an app to set up, and what the rest of the app needs to know
// of their connect flows. Every file outside this folder asks here and names no network,
// so a network is added by its files in this folder and its lines below (STYLE.md "Many
// networks, one shape"). X connects through a store and dialog of its own
// (x-connect-store.ts), because its app setup and OAuth 1.0a are phases no other network
// has; every other network through the shared one (network-connect-store.ts).
import type { ComponentType } from 'react';
import { platforms, type Platform, type SocialAccount } from '../../../../../shared/accounts.ts';
import type { AppError } from '../../../../../shared/result.ts';
import { NetworkConnectDialogHost } from '../network-connect-dialog.tsx';
import { useNetworkConnect, type NetworkTarget } from '../network-connect-store.ts';
import { LinkedInAppSection } from './linkedin-app-section.tsx';
import { XAppSection } from './x-app-section.tsx';
import { XConnectDialogHost } from './x-connect-dialog.tsx';
import { useXConnect } from './x-connect-store.ts';

/** The networks the shared connect dialog connects; X has a flow of its own. */
export type OpenPlatform = Exclude<Platform, 'x'>;

const isOpen = (platform: Platform): platform is OpenPlatform => platform !== 'x';

/**
 * The networks a client has a Connect button for, in the order of `platforms`: all but
 * Instagram, whose accounts come only with the Facebook Page they are linked to.
 */
export const connectablePlatforms: readonly Platform[] = platforms.filter(
  (platform) => platform !== 'instagram',
);

export interface ConnectRequest {
  clientId: string;
  clientName: string;
  platform: Platform;
  /** The account being reconnected (its handle and server fill the form); null for a new one. */
  reconnect: NetworkTarget['reconnect'];
}

/** Opens the connect dialog of the request's network, for a new account or to reconnect one. */
export function startConnect({ clientId, clientName, platform, reconnect }: ConnectRequest): void {
  if (isOpen(platform)) {
    useNetworkConnect.getState().open({ clientId, clientName, platform, reconnect });
    return;
  }
  // X signs the account in again by OAuth: its dialog only names the handle.
  void useXConnect.getState().connect({ clientId, clientName, handle: reconnect?.handle ?? null });
}

/** Every network's connect dialog, mounted once by the app frame; at most one is open. */
export function NetworkDialogHosts() {
  return (
    <>
      <XConnectDialogHost />
      <NetworkConnectDialogHost />
    </>
  );
}

/** Whether any network's connect dialog is open (an account may be saved before it closes). */
export function useConnectDialogOpen(): boolean {
  const own = useXConnect((s) => s.phase.name !== 'closed');
  const shared = useNetworkConnect((s) => s.phase.name !== 'closed');
  return own || shared;
}

/** Every store that runs a connect flow. */
const flowStores = [useXConnect, useNetworkConnect] as const;

/**
 * The end of a connect flow (account:connected, account:connect-failed), for every flow
 * store: each ends only the flow it is waiting for (by flowId), so the others ignore it.
 */
export const connectFlows = {
  connected(flowId: string, account: SocialAccount): void {
    for (const store of flowStores) store.getState().connected(flowId, account);
  },
  failed(flowId: string, error: AppError): void {
    for (const store of flowStores) store.getState().failed(flowId, error);
  },
};

/** What a network needs before its first account, said where connecting is first offered. */
export const firstConnectNotes: readonly string[] = [
  'X first needs your own X app; its dialog shows you how.',
];

/** The Settings sections of networks with an app to set up, in the order shown. */
export const networkSettingsSections: readonly { platform: Platform; Section: ComponentType }[] = [
  { platform: 'x', Section: XAppSection },
  { platform: 'linkedin', Section: LinkedInAppSection },
];
