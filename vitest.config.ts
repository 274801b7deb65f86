import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Left out of the PostgreSQL pass, with why (each file's own reason is in its header too). */
const postgresExcluded: string[] = [];

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
