// npm run db:migration:create -- NAME — writes prisma/migrations/<timestamp>_NAME/migration.sql for the
// difference between the existing migrations and prisma/schema.prisma. Review it, then db:migrate.
import { createMigration } from "./migrations.mjs";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration:create -- <name>");
  process.exit(2);
}
try {
  const dir = await createMigration(name, "file::memory:");
  console.log(dir ? `Created ${dir}/migration.sql` : "The schema matches the migrations: nothing to create.");
} catch (error) {
  console.error(`Could not create the migration: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
