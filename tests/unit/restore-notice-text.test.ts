// The sentences of the notice after a restore (restore-notice-text.ts).
import { describe, expect, it } from 'vitest';
import { restoreNoticeText } from '../../renderer/src/features/data/restore-notice-text.ts';

describe('restoreNoticeText', () => {
  it('says nothing when the restore changed nothing and the record was read', () => {
    expect(
      restoreNoticeText({
        updated: 0,
        review: 0,
        firstReviewAt: null,
        recordRead: true,
        reviewStatuses: [],
      }),
    ).toEqual([]);
  });

  it('counts posts to review and posts brought up to date, in words that agree', () => {
    const lines = restoreNoticeText({
      updated: 3,
      review: 2,
      firstReviewAt: 1,
      recordRead: true,
      reviewStatuses: ['needs_review'],
    });
    expect(lines).toEqual([
      '2 posts may or may not have gone out after the backup was taken: on some accounts Starling cannot tell. Check the account, then mark each as published or send it again.',
      '3 posts were brought up to date with what happened after the backup was taken, so nothing is sent twice.',
    ]);
    expect(
      restoreNoticeText({
        updated: 1,
        review: 0,
        firstReviewAt: null,
        recordRead: true,
        reviewStatuses: [],
      }),
    ).toEqual([
      '1 post was brought up to date with what happened after the backup was taken, so nothing is sent twice.',
    ]);
  });

  it('warns that held posts are unknown when there was no record to read', () => {
    const [line] = restoreNoticeText({
      updated: 0,
      review: 0,
      firstReviewAt: null,
      recordRead: false,
      reviewStatuses: [],
    });
    expect(line).toMatch(/^There was no readable record/);
  });
});
