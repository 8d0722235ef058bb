// The wall clock: the default wherever a host or test does not pass its own. A module of its
// own so the CLI can name it without loading the ports (and the X agent) they bring.
import type { Clock } from '../ports.ts';

export const systemClock: Clock = { now: () => Date.now() };
