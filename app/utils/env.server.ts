// Environment variables, parsed once at start-up: a malformed value stops the process with its name.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, "must be a SQLite file URL such as file:./data/tracker.db")
    .default("file:./data/tracker.db"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(12),
  /** Set to "true" when served over HTTPS: marks cookies Secure and sends HSTS. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(200),
  ...mailFields(),
});

/**
 * Email (alerts, invitations, password resets). Without SMTP_URL email is off and the product says so.
 * SMTP_URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS).
 * MAIL_FROM: the sender, e.g. "Leadership engagement tracker <tracker@trust.nhs.uk>".
 * APP_URL: the address users open the tracker at; links in emails start with it.
 */
function mailFields() {
  return {
    SMTP_URL: z
      .string()
      .trim()
      .regex(/^smtps?:\/\/[^\s/]+(:\d+)?\/?$/, "must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MAIL_FROM: z.string().trim().min(3).default("Leadership engagement tracker <tracker@localhost>"),
    APP_URL: z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s]+$/, "must be the address of the tracker, such as https://tracker.example.nhs.uk")
      .default("http://localhost:3000")
      .transform((u) => u.replace(/\/+$/, "")),
  };
}

const mailSchema = z.object(mailFields());
export type MailSettings = z.infer<typeof mailSchema>;

/** The email settings as they are now (read each time, so a test can point SMTP_URL at its server). */
export function mailSettings(source: NodeJS.ProcessEnv = process.env): MailSettings {
  const parsed = mailSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment variables: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

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
