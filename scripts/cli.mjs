// npm run cli: runs the operator's CLI (app/cli/index.ts) from the app's bundle (scripts/app-bundle.mjs),
// built first when there is none for the sources as they are now.
//   node scripts/cli.mjs <command> [args]      (npm run cli -- <command> [args])
//   node scripts/cli.mjs --build-only          (builds the bundle if there is none for these sources)
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import { ensureBundle } from "./app-bundle.mjs";

// Set here rather than on node's command line, so that every way of starting the CLI (npm run cli,
// the tests, the server's precompute process) runs it the same way:
// - WebAssembly by the baseline compiler only: Prisma's query compiler is 3 MB of WebAssembly, and
//   optimising it took more CPU than most commands use (audit verify: 0.58 s of CPU instead of 1.0 s;
//   a 500,000-row import no slower);
// - no allocation-site pretenuring: a 500,000-row check's heap peaked at 190 MB for 45 MB of live data,
//   V8 having begun to allocate the rows' short-lived objects straight into the old generation.
v8.setFlagsFromString("--liftoff-only");
v8.setFlagsFromString("--no-allocation-site-pretenuring");
// - a heap allowed to grow by a quarter of its live size between full collections, not up to four times: a
//   500,000-row import and the gap analysis after it keep under 80 MB of live objects, but V8 had let
//   the heap grow to 300 MB of garbage first (peak RSS of the whole command 460 MB → 320 MB; the import
//   itself about 7% slower, collecting more often). Not the precompute process, which keeps every
//   trust's rows and recomputes under a deadline.
if (process.argv[2] !== "precompute") v8.setFlagsFromString("--heap-growing-percent=25");

const dir = await ensureBundle();
if (process.argv[2] === "--build-only") process.exit(0);
await import(pathToFileURL(path.join(dir, "index.mjs")).href);
