// The app's code that runs outside the web server, bundled: the operator's CLI (app/cli/index.ts) and
// the worker threads' jobs (app/workers/import-job.ts, app/workers/alert-checks.ts), in
// node_modules/.cache/tracker-app/<stamp>/ (not under build/: `react-router build` empties that
// folder whole, which would pull the bundle from under a CLI or a worker running meanwhile).
//
// ensureBundle() builds it (esbuild, a tenth of a second) whenever there is none for the sources as
// they are now (<stamp> names every source file's path, size and time), so it is never stale. The npm
// packages stay outside it, loaded from node_modules as usual, and code is split into chunks loaded
// when used. Against loading the TypeScript through tsx, a CLI command or a worker starts in well
// under half the time and CPU (no loader thread, no transform of each module; a worker thread had no
// transform cache either, its TMPDIR being new each time).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundles = path.join(root, "node_modules/.cache/tracker-app");
/** Each output file (<name>.mjs in the bundle's folder) and the source it starts from. */
const entries = { index: "app/cli/index.ts", "import-job": "app/workers/import-job.ts", "alert-checks": "app/workers/alert-checks.ts" };
// What the bundle is made from: the app's sources (the CLI reaches the models, domain and utils) and
// the configuration that shapes the build. scripts/migrations.mjs is imported from its own place.
const sources = [path.join(root, "app"), path.join(root, "tsconfig.json"), path.join(root, "package.json"), fileURLToPath(import.meta.url)];
/** Bundles of other sources are removed once this old (a CLI still running from one may load its chunks). */
const KEEP_OLD_MS = 24 * 60 * 60 * 1000;

/** Every source file's path, size and time, in one line each (any file added, removed or touched shows). */
function listSources(file, out = []) {
  const s = statSync(file);
  if (s.isDirectory()) for (const name of readdirSync(file).sort()) listSources(path.join(file, name), out);
  else out.push(`${path.relative(root, file)}\t${s.size}\t${s.mtimeMs}`);
  return out;
}

/** The repository's own scripts (scripts/migrations.mjs) are imported from where they are, not bundled. */
const scriptsInPlace = {
  name: "scripts-in-place",
  setup(b) {
    b.onResolve({ filter: /\/scripts\/[^/]+\.mjs$/ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      // Every output file sits in <bundles>/<stamp>/ (or its temporary twin, as deep).
      return { path: path.relative(path.join(bundles, "stamp"), file).split(path.sep).join("/"), external: true };
    });
  },
};

/** The bundle's folder for the sources as they are now (its files: index.mjs, import-job.mjs, alert-checks.mjs), built first if there is none. */
export async function ensureBundle() {
  const stamp = createHash("sha256")
    .update(sources.flatMap((s) => listSources(s)).join("\n"))
    .digest("hex")
    .slice(0, 16);
  const dir = path.join(bundles, stamp);
  if (existsSync(path.join(dir, "index.mjs"))) return dir;
  // Built in a folder of its own, then renamed into place whole: a process starting meanwhile finds
  // the complete bundle or none (and builds its own, of the same sources).
  mkdirSync(bundles, { recursive: true });
  const temp = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const { build } = await import("esbuild");
  try {
    await build({
      entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(root, file)])),
      outdir: temp,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      alias: { "~": path.join(root, "app") },
      plugins: [scriptsInPlace],
      logLevel: "warning",
    });
    try {
      renameSync(temp, dir);
    } catch (error) {
      // Another process put the same bundle in place first.
      if (!existsSync(path.join(dir, "index.mjs"))) throw error;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  for (const name of readdirSync(bundles)) {
    const other = path.join(bundles, name);
    if (name !== stamp && statSync(other).mtimeMs < Date.now() - KEEP_OLD_MS) rmSync(other, { recursive: true, force: true });
  }
  return dir;
}
