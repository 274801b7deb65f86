// Builds one migrated template database for this integration run; each test file copies it.
// Each run has its own folder, so concurrent runs on one checkout do not disturb each other.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../../scripts/migrations.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = path.resolve("tests/.tmp", `run-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  await applyMigrations(`file:${template}`);
  project.provide("templateDb", template);
  return () => rmSync(dir, { recursive: true, force: true });
}
