// Types of bin/cli-bundle.js for the TypeScript tests that use it.
/** The CLI bundle's entry, or null when it is missing or older than one of its inputs. */
export function freshCliBundle(root: string): string | null;
