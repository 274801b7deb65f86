// Gives each integration test file its own SQLite database, copied from the run's migrated template.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

const template = inject("templateDb");
const file = path.join(path.dirname(template), `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

afterAll(async () => {
  const { getDb } = await import("~/utils/db.server");
  await getDb().$disconnect();
});
