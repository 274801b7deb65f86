// Environment variables, parsed once at start-up: a malformed value stops the process with its name.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:.+|postgres(ql)?:\/\/.+)$/,
      "must be a SQLite file URL such as file:./data/tracker.db or a PostgreSQL URL such as postgresql://user:password@host:5432/tracker",
    )
    .default("file:./data/tracker.db"),
  /** PostgreSQL only: connections each app process keeps open (the pool's maximum). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(12),
  /** Set to "true" when served over HTTPS: marks cookies Secure and sends HSTS. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(200),
});

export type Env = z.infer<typeof schema> & { secureCookies: boolean };

function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment variables: ${problems}`);
  }
  const env = parsed.data;
  return {
    ...env,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === "true" : env.NODE_ENV === "production",
  };
}

export const env = parseEnv();
