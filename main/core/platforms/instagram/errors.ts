// What can go wrong on the way to an Instagram post besides a Graph error (which the shared
// Graph code classifies): a container Instagram could not use, one still processing, the
// account's daily publishing quota used up. Each becomes a CallOutcome in outcomes.ts.

/** Instagram could not make a post of the media (status ERROR or EXPIRED), in words. */
export class ContainerRefused extends Error {
  override readonly name = 'ContainerRefused';
}

/** Instagram is still processing the media after Starling stopped waiting: come back later. */
export class StillProcessing extends Error {
  override readonly name = 'StillProcessing';
}

/** The account's content_publishing_limit is used up until `retryAt`. */
export class QuotaUsedUp extends Error {
  override readonly name = 'QuotaUsedUp';
  readonly retryAt: number;
  constructor(message: string, retryAt: number) {
    super(message);
    this.retryAt = retryAt;
  }
}

/** Instagram published the container but its media is not listed yet: look again later. */
export class NotListedYet extends Error {
  override readonly name = 'NotListedYet';
}
