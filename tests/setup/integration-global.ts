// Builds one migrated template database for the integration run; each test file copies it.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../../scripts/migrations.mjs";

export const TEMPLATE_DIR = path.resolve("tests/.tmp");

export default async function setup() {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const template = path.join(TEMPLATE_DIR, "template.db");
  await applyMigrations(`file:${template}`);
  process.env.TRACKER_TEMPLATE_DB = template;
  return () => rmSync(TEMPLATE_DIR, { recursive: true, force: true });
}
