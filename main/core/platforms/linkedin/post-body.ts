// The body of POST /rest/posts for one part: the commentary as little text (escaped so it
// reads as typed), public on the main feed, and its media: one image, GIF, video or
// document as `media`, two to twenty images as `multiImage`, alt text on each image.
import { escapeLittleText } from './little-text.ts';
import { isDocument, type Uploaded } from './media.ts';

function content(media: Uploaded[]): Record<string, unknown> | null {
  const first = media[0];
  if (first === undefined) return null;
  const alt = (m: Uploaded) => (m.altText.trim() === '' ? {} : { altText: m.altText });
  if (media.length > 1) {
    return { multiImage: { images: media.map((m) => ({ id: m.urn, ...alt(m) })) } };
  }
  if (isDocument(first)) {
    // LinkedIn shows a document's title above its pages, and requires one.
    const title = first.altText.trim() === '' ? 'Document' : first.altText.trim();
    return { media: { id: first.urn, title } };
  }
  return { media: { id: first.urn, ...(first.kind === 'video' ? {} : alt(first)) } };
}

export function postBody(author: string, text: string, media: Uploaded[]) {
  const attached = content(media);
  return {
    author,
    commentary: escapeLittleText(text),
    visibility: 'PUBLIC',
    distribution: {
      feedDistribution: 'MAIN_FEED',
      targetEntities: [],
      thirdPartyDistributionChannels: [],
    },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
    ...(attached === null ? {} : { content: attached }),
  };
}
