// `starling import|export|backup …`: bulk CSV scheduling, exports and backups (issue 8).
import type { Command } from 'commander';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';

export function addDataCommands(_program: Command, _run: RunWithCore, _openCore: OpenCore): void {
  // Commands arrive with the feature.
}
