// `starling media …`: import into and list the media library (issue 5).
import type { Command } from 'commander';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';

export function addMediaCommands(_program: Command, _run: RunWithCore, _openCore: OpenCore): void {
  // Commands arrive with the feature.
}
