// Every status a post (or a target) can have, in the order the UI lists them.
export const postStatuses = [
  'draft',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'needs_review',
  'cancelled',
  /** Its time passed while the machine was off or asleep, later than the client's grace window allows. */
  'missed',
  /** Published, then deleted from its networks from Starling; kept here with its history. */
  'deleted',
] as const;
export type PostStatus = (typeof postStatuses)[number];
