// Production server for the built app: node scripts/serve.mjs [build/server/index.js]
// Like react-router-serve (Express, compression, static files), plus what the app needs from its
// server (build.entry.module.serverSupport): the security headers on every response, static files
// and the framework's own refusals included, and the TCP peer's address for sign-in throttling
// and the audit trail (X-Forwarded-For is only believed for TRUST_PROXY hops; see the README).
// PORT (default 3000) and HOST (default all interfaces) choose where it listens.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { RouterContextProvider } from "react-router";

const buildFile = path.resolve(process.argv[2] ?? "build/server/index.js");
const build = await import(pathToFileURL(buildFile).href);
const { serverSupport } = build.entry.module;
if (!serverSupport) throw new Error(`${buildFile} does not export serverSupport from its entry.server`);

const app = express();
app.disable("x-powered-by");
// First, so every response below gets the headers.
app.use(serverSupport.nodeSecurityHeaders);
app.use(compression());
// Fingerprinted assets never change: cache for a year.
app.use(`${build.publicPath}assets`, express.static(path.join(build.assetsBuildDirectory, "assets"), { immutable: true, maxAge: "1y" }));
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { maxAge: "1h" }));
app.use(express.static("public", { maxAge: "1h" }));
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
  console.log(`Leadership engagement tracker listening on http://${typeof address === "object" && address ? `${address.address}:${address.port}` : port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
