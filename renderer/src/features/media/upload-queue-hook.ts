// The upload queue a view draws: the media view passes its app-long queue, a composer
// part gets one of its own that lives as long as the part.
import { useState } from 'react';
import { useStore } from 'zustand';
import { uploadTransport } from './media-transport.ts';
import { createUploadQueue, type UploadQueue, type UploadQueueState } from './upload-queue.ts';

/** The state of `queue`, or of the calling component's own queue when none is given. */
export function useUploadQueue(queue?: UploadQueue): UploadQueueState {
  const [own] = useState(() => queue ?? createUploadQueue(uploadTransport));
  return useStore(queue ?? own);
}
