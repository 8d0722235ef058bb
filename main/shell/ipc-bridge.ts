// [Note: IPC trust] One ipcMain handler per contract channel. A call is answered only
// for the app's own top-level document (see isTrustedSender); the core's dispatch then
// validates the input. Every call resolves to a Result: nothing is thrown across IPC.
import { ipcMain, type WebContents } from 'electron';
import { channels } from '../../shared/ipc/contract.ts';
import { fail, type Result } from '../../shared/result.ts';
import type { Dispatch } from '../core/ipc/dispatch.ts';
import type { EventBus } from '../core/events.ts';
import type { Logger } from '../core/ports.ts';
import { pushEventChannel, type PushMessage } from '../../preload/push-channel.ts';
import { isAppUrl, isTrustedSender } from './window-options.ts';

/** Registers the handlers; returns a function that removes them again. */
export function serveIpc(dispatch: Dispatch, logger: Logger): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame)) {
        logger.warn('refused IPC from a frame outside the app', { channel, url: frame?.url });
        return fail({ code: 'UNAUTHORIZED', message: 'This page may not talk to Starling.' });
      }
      try {
        return await dispatch(channel, input);
      } catch (error) {
        // dispatch already turns failures into Results; this is the last line of defence.
        logger.error('dispatch threw', { channel, error: String(error) });
        return fail({ code: 'INTERNAL', message: 'Something went wrong inside Starling.' });
      }
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Forwards every core event to the window showing the app; returns the unsubscribe. */
export function forwardEvents(events: EventBus, target: () => WebContents | null): () => void {
  return events.subscribe((event, payload) => {
    const contents = target();
    if (contents === null || contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    const message: PushMessage = { event, payload };
    contents.send(pushEventChannel, message);
  });
}
