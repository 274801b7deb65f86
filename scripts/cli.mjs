// npm run cli: runs the operator's CLI (app/cli/index.ts) from the app's bundle (scripts/app-bundle.mjs),
// built first when there is none for the sources as they are now.
//   node scripts/cli.mjs <command> [args]      (npm run cli -- <command> [args])
//   node scripts/cli.mjs --build-only          (builds the bundle if there is none for these sources)
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBundle } from "./app-bundle.mjs";

const dir = await ensureBundle();
if (process.argv[2] === "--build-only") process.exit(0);
await import(pathToFileURL(path.join(dir, "index.mjs")).href);
