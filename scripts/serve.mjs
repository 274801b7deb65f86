// npm start (and npm run demo): the production server. The primary process applies pending
// migrations once, then runs one worker per core (node:cluster) behind one port; each worker is
// react-router-serve (the same server as before: static files, compression, request log). Sessions
// and computed results live in SQLite, so any worker can answer any request.
//   node scripts/serve.mjs [BUILD]   BUILD defaults to ./build/server/index.js
//   WEB_CONCURRENCY=N sets the number of workers (default: the number of cores).
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

process.env.NODE_ENV ??= "production";
const build = process.argv[2] ?? "./build/server/index.js";

if (cluster.isPrimary) {
  const { applyMigrations, databasePath } = await import("./migrations.mjs");
  try {
    const applied = await applyMigrations();
    if (applied.length) console.log(`Applied ${applied.length} migration(s) to ${databasePath()}: ${applied.join(", ")}`);
  } catch (error) {
    console.error(`Migration failed, not starting: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // Every worker must listen on the same port (react-router-serve would otherwise pick a free one each).
  process.env.PORT ??= "3000";
  const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || os.availableParallelism());
  cluster.setupPrimary({ args: [build] });
  let stopping = false;
  const recentExits = [];
  const start = () => cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    recentExits.push(now);
    while (recentExits.length && recentExits[0] < now - 60_000) recentExits.shift();
    if (recentExits.length > 5 * workers) {
      console.error(`Workers keep stopping (last: code ${code}, signal ${signal}); giving up.`);
      process.exit(1);
    }
    console.error(`Worker ${worker.process.pid} stopped (code ${code}, signal ${signal}); starting another.`);
    start();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
  console.log(`Serving on port ${process.env.PORT} with ${workers} worker${workers === 1 ? "" : "s"}.`);
  for (let i = 0; i < workers; i++) start();
  // Recomputation off the request path: analyses are computed again after every change, beside the
  // workers, and kept in the database for them (PRECOMPUTE=0 turns it off).
  if (process.env.PRECOMPUTE !== "0") {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
    const runPrecompute = () => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "app/cli/index.ts"), "precompute", "--watch"], { cwd: root, stdio: "inherit" });
      child.on("exit", (code) => {
        if (!stopping) {
          console.error(`Precompute stopped (code ${code}); starting it again in 5 s.`);
          setTimeout(runPrecompute, 5000).unref();
        }
      });
      process.on("exit", () => child.kill("SIGTERM"));
      for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill("SIGTERM"));
    };
    runPrecompute();
  }
} else {
  // react-router-serve's own CLI, unchanged: node:cluster shares its listening socket between workers.
  const require = createRequire(import.meta.url);
  const bin = path.join(path.dirname(require.resolve("@react-router/serve/package.json")), "bin.js");
  process.argv = [process.argv[0], bin, build];
  require(bin);
}
