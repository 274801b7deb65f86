// Server secrets that must survive restarts (the audit key, the sign-in cookie key): from an
// environment variable when set (a secret store), else from a file in the data folder (beside the
// SQLite file), generated on first use with owner-only permissions. Never stored in the database.
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { providerOf, sqliteFile } from "./db.server";

export const MIN_KEY_BYTES = 32;

export type SecretKey = { key: Buffer; source: "environment" | "file"; file: string | null; created: boolean };

/** A key given as hex (64+ digits), base64 (32+ bytes) or plain text of 32+ characters. */
export function parseKey(value: string, name: string): Buffer {
  const v = value.trim();
  if (/^[0-9a-f]+$/i.test(v) && v.length >= MIN_KEY_BYTES * 2 && v.length % 2 === 0) return Buffer.from(v, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) {
    const b = Buffer.from(v, "base64");
    if (b.length >= MIN_KEY_BYTES) return b;
  }
  if (v.length >= MIN_KEY_BYTES) return Buffer.from(v, "utf8");
  throw new Error(`${name} must be at least ${MIN_KEY_BYTES} bytes (64 hex digits, or 32+ characters)`);
}

/** The data folder: where the SQLite file lives. */
export function dataFolder(databaseUrl = process.env.DATABASE_URL): string {
  // On PostgreSQL there is no database file: the project's data folder (set AUDIT_KEY and COOKIE_SECRET
  // on every instance instead, so that they all share the keys).
  if (databaseUrl && providerOf(databaseUrl) === "postgresql") return path.resolve("data");
  return path.dirname(sqliteFile(databaseUrl ?? undefined));
}

const cache = new Map<string, SecretKey>();

/**
 * The key named by `envName`, or the one in `<data folder>/<fileName>`, made if absent. Two
 * processes starting together agree on one key: the file is written aside and then hard-linked
 * into place, which fails for the second writer, who then reads the first one's key.
 */
export function loadSecretKey(envName: string, fileName: string): SecretKey {
  const fromEnv = process.env[envName];
  const file = path.join(dataFolder(), fileName);
  const cacheKey = `${envName}|${fromEnv ? "env" : file}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  let result: SecretKey;
  if (fromEnv) result = { key: parseKey(fromEnv, envName), source: "environment", file: null, created: false };
  else if (existsSync(file)) result = { key: parseKey(readFileSync(file, "utf8"), file), source: "file", file, created: false };
  else {
    mkdirSync(path.dirname(file), { recursive: true });
    const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(aside, `${randomBytes(MIN_KEY_BYTES).toString("hex")}\n`, { mode: 0o600 });
    let created = true;
    try {
      linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      created = false;
    } finally {
      unlinkSync(aside);
    }
    result = { key: parseKey(readFileSync(file, "utf8"), file), source: "file", file, created };
  }
  cache.set(cacheKey, result);
  return result;
}
