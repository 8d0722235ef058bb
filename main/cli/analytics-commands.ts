// `starling analytics …`: metric sync and exports (issue 7).
import type { Command } from 'commander';
import type { RunWithCore } from './clients-commands.ts';
import type { OpenCore } from './main.ts';

export function addAnalyticsCommands(
  _program: Command,
  _run: RunWithCore,
  _openCore: OpenCore,
): void {
  // Commands arrive with the feature.
}
