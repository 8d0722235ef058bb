// A data folder for a browser sign-in in the served app: one client, added through the CLI
// as a person would, and the loopback callback port the sign-in waits on (the X app
// settings' port, which every network's browser sign-in shares) set in the preferences.
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './cli.ts';
import { tempDataDir } from './temp-dir.ts';

export function signInDataDir(env: NodeJS.ProcessEnv, clientName: string, port: number): string {
  const dataDir = tempDataDir();
  runCli(['--data-dir', dataDir, 'clients', 'add', '--name', clientName], env);
  fs.writeFileSync(
    path.join(dataDir, 'preferences.json'),
    JSON.stringify({ preferences: { xCallbackPort: port } }),
  );
  return dataDir;
}
