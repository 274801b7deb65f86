// npm start (and npm run demo): the production server. The primary process applies pending migrations
// once, then runs one worker per core (node:cluster) behind one port, plus a precompute process that
// recomputes analyses after every change off the request path (PRECOMPUTE=0 turns it off). Each
// worker is an Express server like react-router-serve (compression, static files) plus what the app
// needs from its server (build.entry.module.serverSupport): the security headers on every response,
// static files and the framework's own refusals included, and the TCP peer's address for sign-in
// throttling and the audit trail (X-Forwarded-For is only believed for TRUST_PROXY hops; see the
// README). Sessions and computed results live in the database, so any worker can answer any request.
//   node scripts/serve.mjs [BUILD]   BUILD defaults to ./build/server/index.js
//   PORT (default 3000) and HOST (default all interfaces); WEB_CONCURRENCY=N workers (default: cores).
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

process.env.NODE_ENV ??= "production";
const buildArg = process.argv[2] ?? "./build/server/index.js";

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
  cluster.setupPrimary({ args: [buildArg] });
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
  // Workers wait briefly for the precompute process rather than compute on their event loop (computed-cache.server.ts).
  if (process.env.PRECOMPUTE !== "0") process.env.COMPUTED_BY_PRECOMPUTE = "1";
  for (let i = 0; i < workers; i++) start();
  // Recomputation off the request path: analyses are computed again after every change, beside the
  // workers, and kept in the database for them (PRECOMPUTE=0 turns it off).
  if (process.env.PRECOMPUTE !== "0") {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
    const runPrecompute = () => {
      const child = spawn(process.execPath, [path.join(root, "scripts/cli.mjs"), "precompute", "--watch"], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, COMPUTED_BY_PRECOMPUTE: "0" },
      });
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
  await serveWorker();
}

async function serveWorker() {
  const [{ createRequestHandler }, { default: compression }, { default: express }, { RouterContextProvider }] = await Promise.all([
    import("@react-router/express"),
    import("compression"),
    import("express"),
    import("react-router"),
  ]);
  const buildFile = path.resolve(buildArg);
  const build = await import(pathToFileURL(buildFile).href);
  const { serverSupport } = build.entry.module;
  if (!serverSupport) throw new Error(`${buildFile} does not export serverSupport from its entry.server`);

  const app = express();
  app.disable("x-powered-by");
  // First, so every response below gets the headers.
  app.use(serverSupport.nodeSecurityHeaders);
  app.use(compression());
  // Fingerprinted assets never change: cache for a year. Every file served has an extension: a page's
  // URL (/organisations/1/dashboard) goes straight to the app instead of costing two file look-ups.
  const files = (handler) => (req, res, next) => (path.extname(req.path) ? handler(req, res, next) : next());
  app.use(
    `${build.publicPath}assets`,
    files(express.static(path.join(build.assetsBuildDirectory, "assets"), { immutable: true, maxAge: "1y" })),
  );
  app.use(build.publicPath, files(express.static(build.assetsBuildDirectory, { maxAge: "1h" })));
  app.use(files(express.static("public", { maxAge: "1h" })));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext(req) {
        const context = new RouterContextProvider();
        context.set(serverSupport.socketAddressContext, req.socket.remoteAddress ?? null);
        return context;
      },
    }),
  );

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST;
  const server = host ? app.listen(port, host) : app.listen(port);
  server.on("listening", () => {
    const address = server.address();
    console.log(
      `Leadership engagement tracker listening on http://${typeof address === "object" && address ? `${address.address}:${address.port}` : port}`,
    );
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
}
