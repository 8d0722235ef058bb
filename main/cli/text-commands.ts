// `starling text count`: X's weighted length of a text, by the composer's own rules.
import type { Command } from 'commander';
import { countXText, xMaxWeightedLength } from '../../shared/x-text.ts';
import { createOutput } from './output.ts';

export function addTextCommands(program: Command): void {
  program
    .command('text')
    .description('text tools')
    .command('count')
    .description("count a post's weighted length the way X does (URLs 23, emoji and CJK 2)")
    .requiredOption('--text <text>', 'the text to count')
    .action((opts: { text: string }, cmd: Command) => {
      const out = createOutput(cmd.optsWithGlobals<{ json?: boolean }>().json === true);
      const { weightedLength, valid } = countXText(opts.text);
      out.result({ weightedLength, valid }, () =>
        valid
          ? `${String(weightedLength)}/${String(xMaxWeightedLength)}: fits in one post`
          : opts.text.trim() === ''
            ? `0/${String(xMaxWeightedLength)}: empty text cannot be posted`
            : `${String(weightedLength)}/${String(xMaxWeightedLength)}: ${String(weightedLength - xMaxWeightedLength)} over the limit`,
      );
    });
}
