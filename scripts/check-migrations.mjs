// Fails when a provider's migrations do not produce prisma/schema.prisma exactly: the SQLite folder
// always, the PostgreSQL folder when a server is given (CHECK_PG_URL). Run by npm test, so the two
// providers' migrations cannot drift apart. Create both with npm run db:migration:create -- NAME.
import { migrationDiff } from "./migrations.mjs";

const problems = [];
const sqlite = await migrationDiff("sqlite");
if (sqlite)
  problems.push(`SQLite migrations (prisma/migrations) differ from prisma/schema.prisma; the missing migration would be:\n${sqlite}`);
if (process.env.CHECK_PG_URL) {
  const pg = await migrationDiff("postgresql", process.env.CHECK_PG_URL);
  if (pg)
    problems.push(
      `PostgreSQL migrations (prisma/migrations-postgresql) differ from prisma/schema.prisma; the missing migration would be:\n${pg}`,
    );
}
if (problems.length) {
  console.error(problems.join("\n\n"));
  console.error("Run npm run db:migration:create -- NAME to write the migrations for both providers.");
  process.exit(1);
}
console.log(`Migrations match the schema (SQLite${process.env.CHECK_PG_URL ? " and PostgreSQL" : ""}).`);
