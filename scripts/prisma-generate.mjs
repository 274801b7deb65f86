// Generates the Prisma clients (postinstall): one for SQLite from the hand-written prisma/schema.prisma,
// and one for PostgreSQL from a copy of it with the provider and output rewritten
// (prisma/postgresql/schema.prisma, generated and gitignored). A generated client is bound to one
// provider, so two clients serve the two databases from one schema (Prisma's documented pattern).
// Prisma's CLI wants to download a native schema engine at start-up; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at a stub stops that. `generate` never needs it.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const schemas = {
  sqlite: path.join(root, "prisma", "schema.prisma"),
  postgresql: path.join(root, "prisma", "postgresql", "schema.prisma"),
};

/** Writes the PostgreSQL copy of the schema; returns its text. */
export function writePostgresSchema() {
  const src = readFileSync(schemas.sqlite, "utf8");
  const out = src
    .replace(/(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(/(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/app\/generated\/prisma"/, '$1"../../app/generated/prisma-pg"')
    // On PostgreSQL a relation read with a query (an organisation's name beside each listed record) is
    // one statement with a join instead of one statement per relation: a round trip each, on a server.
    .replace(/(generator\s+client\s*\{)/, '$1\n  previewFeatures = ["relationJoins"]');
  if (!out.includes('provider = "postgresql"') || !out.includes("generated/prisma-pg") || !out.includes("relationJoins")) {
    throw new Error("could not rewrite prisma/schema.prisma for PostgreSQL (datasource provider or generator output changed?)");
  }
  const text = "// GENERATED from ../schema.prisma by scripts/prisma-generate.mjs. Do not edit: edit ../schema.prisma.\n" + out;
  mkdirSync(path.dirname(schemas.postgresql), { recursive: true });
  writeFileSync(schemas.postgresql, text);
  return text;
}

function generate(schema) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate", "--schema", schema],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts", "no-native-schema-engine.sh"),
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writePostgresSchema();
  generate(schemas.sqlite);
  generate(schemas.postgresql);
}
