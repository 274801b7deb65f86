// The built app (build/server, build/client) that the production-server tests start. `npm test`
// builds it once before the integration tests; a test file run on its own builds it here when there is
// none, or when a source under app/ is newer than it. Never rebuilt while it is fresh: `react-router
// build` empties build/ whole, which would pull the files from under the servers of other test files.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const serverEntry = path.join(root, "build/server/index.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

/** Builds the app unless build/ is already as new as every source under app/. */
export function ensureBuiltApp(): void {
  if (existsSync(serverEntry) && statSync(serverEntry).mtimeMs >= newestSource(path.join(root, "app"))) return;
  const built = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`react-router build failed: ${built.stderr}`);
}
