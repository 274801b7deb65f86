// The Prisma client on PostgreSQL (adapter-pg), loaded by db.server.ts only in a process whose database
// is PostgreSQL. The generated client is cast to the SQLite client's types, which the app is typed
// against (both come from the one prisma/schema.prisma).
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-pg/client";
import { env } from "./env.server";

export function createPostgresClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: env.DATABASE_POOL_SIZE });
  return new PostgresClient({ adapter }) as unknown as PrismaClient;
}
