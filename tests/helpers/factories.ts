// Input factories: a valid payload with sensible defaults, overridable per test.
import type { ClientCreateInput } from '../../shared/clients.ts';

let counter = 0;

export function makeClientInput(overrides: Partial<ClientCreateInput> = {}): ClientCreateInput {
  counter += 1;
  return {
    name: `Client ${String(counter)}`,
    timezone: 'America/New_York',
    color: '#db2777',
    ...overrides,
  };
}
