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
];

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          environment: "node",
          // A guard against a hang, not a time limit: npm test runs these beside lint and the typecheck
          // on two cores, where the property tests (2 s alone) can take several times longer.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // The PostgreSQL pass (TEST_POSTGRES_URL, run by npm test after the SQLite pass) leaves out
          // what cannot run there yet or would only repeat the SQLite pass; npm test says so.
          exclude: process.env.TEST_POSTGRES_URL ? postgresExcluded : [],
          setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/integration-db.ts"],
          globalSetup: ["tests/setup/integration-global.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
    ],
  },
});
