// The scheduler's offline check, network-free: online once any network's fixed host
// answers, offline only when none does, and online when no network has a probe (each
// call's own failure then decides).
import { describe, expect, it } from 'vitest';
import { createNetworkProbe } from '../../main/core/scheduler/network-probe.ts';

const answers =
  (value: boolean, ms = 0) =>
  () =>
    new Promise<boolean>((resolve) =>
      setTimeout(() => {
        resolve(value);
      }, ms),
    );

describe('network probe', () => {
  it('is online when any network answers, even a slow one after a quick refusal', async () => {
    expect(await createNetworkProbe([answers(false), answers(true, 20)]).isOnline()).toBe(true);
  });

  it('is offline only when no network answers', async () => {
    expect(await createNetworkProbe([answers(false), answers(false, 5)]).isOnline()).toBe(false);
  });

  it('is online when no network has a fixed host to ask', async () => {
    expect(await createNetworkProbe([]).isOnline()).toBe(true);
  });
});
