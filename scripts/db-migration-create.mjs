// npm run db:migration:create -- NAME — writes the next migration for a change to prisma/schema.prisma,
// for both providers, so they stay in step: prisma/migrations/<stamp>_NAME (SQLite, diffed in memory)
// and prisma/migrations-postgresql/<stamp>_NAME (diffed on a PostgreSQL server: MIGRATION_PG_URL, or
// the throwaway test cluster of scripts/pg-cluster.sh when PostgreSQL is installed). Review both, then
// npm run db:migrate.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createMigration } from "./migrations.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration:create -- <name>");
  process.exit(2);
}

function postgresUrl() {
  if (process.env.MIGRATION_PG_URL) return process.env.MIGRATION_PG_URL;
  const cluster = path.join(root, "scripts", "pg-cluster.sh");
  if (spawnSync("bash", [cluster, "start"], { stdio: "inherit" }).status !== 0) return null;
  return spawnSync("bash", [cluster, "url", "postgres"], { encoding: "utf8" }).stdout.trim();
}

const stamp = new Date()
  .toISOString()
  .replace(/[-:TZ.]/g, "")
  .slice(0, 14);
try {
  const sqlite = await createMigration(name, "file::memory:", stamp);
  console.log(sqlite ? `Created ${sqlite}/migration.sql` : "SQLite: the schema matches the migrations, nothing to create.");
  const pg = postgresUrl();
  if (!pg) {
    console.error("PostgreSQL: no server (set MIGRATION_PG_URL, or install Debian's postgresql); its migration was NOT created.");
    process.exit(1);
  }
  const created = await createMigration(name, pg, stamp);
  console.log(created ? `Created ${created}/migration.sql` : "PostgreSQL: the schema matches the migrations, nothing to create.");
} catch (error) {
  console.error(`Could not create the migration: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
