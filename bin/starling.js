#!/usr/bin/env node
// Entry point of `npx starling`. The CLI is TypeScript run directly by Node's type
// stripping, so it works straight after `npm install` with no build step.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `starling: needs Node 22.18 or newer (this is ${process.version}). ` +
      'Run it as `npx starling` inside the project, which uses the Node installed with it.\n',
  );
  process.exit(1);
}
const { main } = await import('../main/cli/main.ts');
await main(process.argv.slice(2));
