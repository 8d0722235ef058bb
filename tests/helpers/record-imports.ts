// Preloaded with `node --import` by tests that check what a command loads: every module a
// process resolves is written to the file named by $STARLING_RECORD_IMPORTS at exit.
import fs from 'node:fs';
import module from 'node:module';

const out = process.env.STARLING_RECORD_IMPORTS;
const seen = new Set<string>();

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    seen.add(resolved.url);
    return resolved;
  },
});

process.on('exit', () => {
  if (out !== undefined) fs.writeFileSync(out, JSON.stringify([...seen]));
});
