// npm run db:migrate — applies pending migrations to DATABASE_URL (default data/tracker.db).
import { applyMigrations, databasePath } from "./migrations.mjs";

try {
  const applied = await applyMigrations();
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${databasePath()}: ${applied.join(", ")}`
      : `Database ${databasePath()} is up to date.`,
  );
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
