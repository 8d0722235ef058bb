// Reading the address a browser landed on from standard input, for connect commands whose
// network sends the browser to an address Starling does not serve ([Note: pasted address]).
import type { ConnectFlow } from '../../shared/accounts.ts';
import type { OpenCore } from './main.ts';

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Reads pasted addresses from standard input, a line each (with a prompt on a terminal),
 * until one is taken: a wrong one is explained and the next line read, as the flow keeps
 * waiting. When the input ends first, a flow with no other way back is cancelled. Returns
 * how to stop reading.
 */
export async function readPasted(
  core: Awaited<ReturnType<OpenCore>>['core'],
  flow: ConnectFlow,
): Promise<() => void> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const prompt = () => {
    if (process.stdin.isTTY) process.stderr.write('Address: ');
  };
  let taken = false;
  rl.on('line', (line) => {
    if (taken || line.trim() === '') {
      if (!taken) prompt();
      return;
    }
    rl.pause();
    void core
      .invoke('accounts:paste-address', { flowId: flow.flowId, address: line })
      .then((result) => {
        // Taken, or the flow ended: its outcome arrives as an event either way.
        if (result.ok || result.error.code !== 'VALIDATION') {
          taken = true;
          rl.close();
          return;
        }
        say(result.error.message);
        prompt();
        rl.resume();
      });
  });
  rl.on('close', () => {
    if (taken || !flow.awaitsPaste) return;
    taken = true;
    say('Standard input ended before an address was pasted.');
    void core.invoke('accounts:cancel-connect', { flowId: flow.flowId });
  });
  prompt();
  return () => {
    taken = true;
    rl.close();
    // A pipe nobody closes would keep the command running after its answer.
    process.stdin.destroy();
  };
}
