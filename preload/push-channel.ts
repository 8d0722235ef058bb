// The one IPC channel on which the main process pushes core events to the renderer, as
// `{ event, payload }`; the shell sends on it and the preload listens on it.
export const pushEventChannel = 'starling:event';

export interface PushMessage {
  event: string;
  payload: unknown;
}
