import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Left out of the PostgreSQL pass, with why. */
const postgresExcluded = [
  // Another process holds SQLite's file lock while the CLI or the server waits: SQLite-only behaviour
  // (PostgreSQL's lock is the advisory lock, covered by the two-process audit test and server/two-instances).
  "tests/integration/cli/while-serving.test.ts",
  "tests/integration/server/held-lock.test.ts",
  // Reports and reads the SQLite file it seeds (its size is part of the output).
  "tests/integration/cli/seed-national.test.ts",
  // Hostile and huge files refused or checked before anything reaches the database (the web's upload
  // path and the reader): the same on both; the large import confirmed and undone runs on both
  // (confirm-undo-stress.test.ts).
  "tests/integration/imports/upload-stress.test.ts",
  // Run both databases themselves in the SQLite pass (a SQLite file beside a database on the server).
  "tests/integration/cli/copy-db.test.ts",
  "tests/integration/cli/same-on-both.test.ts",
  // The CLI's own checks of its arguments and files, the same code on both: same-on-both runs the CLI's
  // imports, flags, exports and audit check on PostgreSQL and compares them with SQLite's.
  "tests/integration/cli/flags-cli.test.ts",
  "tests/integration/imports/cli.test.ts",
  // The same: the CLI's user command and its checks; audit verify on PostgreSQL is run by same-on-both,
  // and a cut or rewritten trail on PostgreSQL is caught in audit-tamper.test.ts.
  "tests/integration/cli/user-audit-cli.test.ts",
  // Reading HR's files (ESR workbooks, NSS-worded CSVs, the mapping step) happens before the database;
  // their rows are written by the bulk writer that imports/*.test.ts check on PostgreSQL.
  "tests/integration/imports/realistic-files.test.ts",
  // The PDF's drawing and its key; the kept results it is stored in are checked on PostgreSQL by
  // models/computed-cache.test.ts and computed-grace.test.ts.
  "tests/integration/board-summary-pdf-cache.test.ts",
  // The production server's headers, nonce, plain-HTML pages and peer address: the same on both; the
  // built server on PostgreSQL is server/two-instances.test.ts.
  "tests/integration/server/serve.test.ts",
];

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

/** The integration suite on one database: SQLite files, or databases on the PostgreSQL server. */
function integration(name: string, options: { exclude: string[]; env?: Record<string, string> }) {
  return {
    resolve: { alias },
    test: {
      name,
      include: ["tests/integration/**/*.test.ts"],
      exclude: options.exclude,
      env: options.env,
      setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/integration-db.ts"],
      // Knows which database from the project's name (integration-postgresql: TEST_POSTGRES_URL's server).
      globalSetup: ["tests/setup/integration-global.ts"],
      environment: "node",
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: "forks" as const,
      // A worker process runs file after file: the packages (Prisma's runtime, React Router, pg, …) are
      // loaded once per worker, while the app's own modules are loaded afresh for every file
      // (tests/setup/integration-db.ts resets them, and puts the environment back after the file). On a
      // new process per file, loading was a quarter of the integration tests' CPU: 40 s of import in
      // the SQLite pass against 7 s now (119 s against 91 s of wall time, the same hour).
      isolate: false,
      // As the CLI does (scripts/cli.mjs): WebAssembly by the baseline compiler only. Each test file makes
      // a new Prisma client, and optimising its 3 MB query compiler cost more CPU than most files use.
      execArgv: ["--liftoff-only"],
    },
  };
}

// TEST_POSTGRES_URL (a server URL; npm test starts a throwaway cluster and gives it) adds the PostgreSQL
// pass, which leaves out what cannot run there or would only repeat the SQLite pass (postgresExcluded,
// with why), and gives the SQLite pass the server for the tests that run both databases themselves.
const postgresUrl = process.env.TEST_POSTGRES_URL;
const bothDatabases = process.env.COPY_DB_TEST_PG_URL ?? postgresUrl;

export default defineConfig({
  test: {
    // The two passes share one pool of two workers (this machine has two cores): a file of either pass
    // starts as soon as a worker is free, so neither pass waits for the other's longest files.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          environment: "node",
          // A guard against a hang, not a time limit: npm test runs these beside lint, the typecheck and
          // better-sqlite3's compile on two cores, where a property test (10 s alone) took over 20 s.
          testTimeout: 60_000,
        },
      },
      integration("integration", { exclude: [], env: bothDatabases ? { COPY_DB_TEST_PG_URL: bothDatabases } : {} }),
      ...(postgresUrl ? [integration("integration-postgresql", { exclude: postgresExcluded })] : []),
    ],
  },
});
