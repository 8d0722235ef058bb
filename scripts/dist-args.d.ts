// Types of scripts/dist-args.js (plain JS: `npm run dist` runs on the machine's Node).
export function builderArgs(argv: string[], options: { electronDist: string | null }): string[];
