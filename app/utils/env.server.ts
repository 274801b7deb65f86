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
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(12),
  /** Set to "true" when served over HTTPS: marks cookies Secure and sends HSTS. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(200),
  /** How many reverse proxies in front of the app to believe in X-Forwarded-For (0: none, ignore it). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** The audit trail's HMAC key (64 hex digits or 32+ characters); else <data folder>/audit.key. */
  AUDIT_KEY: z.string().min(32, "must be at least 32 characters (e.g. 64 hex digits)").optional(),
  /** Signs the short-lived sign-in cookies; else <data folder>/cookie.key. */
  COOKIE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. 64 hex digits)").optional(),
  /** The address users reach the tracker at (e.g. https://tracker.example.nhs.uk): sign-in callbacks, email links. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Single sign-on providers by name (e.g. "nhsmail,cis2"), each configured by OIDC_<NAME>_*. */
  OIDC_PROVIDERS: z
    .string()
    .regex(/^\s*[a-z][a-z0-9]{0,19}(\s*,\s*[a-z][a-z0-9]{0,19})*\s*$/, "must be provider names (a-z, 0-9) separated by commas")
    .optional(),
  ...mailFields(),
});

/**
 * Email (alerts, invitations, password resets). Without SMTP_URL email is off and the product says so.
 * SMTP_URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS).
 * MAIL_FROM: the sender, e.g. "Leadership engagement tracker <tracker@trust.nhs.uk>".
 * APP_URL: the older name of PUBLIC_URL, still read when PUBLIC_URL is not set; links in emails start with
 * the address.
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
  const parsed = mailSchema.safeParse({ ...source, APP_URL: source.PUBLIC_URL || source.APP_URL });
  if (!parsed.success)
    throw new Error(`Invalid environment variables: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** One OpenID Connect provider (NHSmail / Entra ID, NHS CIS2, ...). */
const providerSchema = z.object({
  id: z.string(),
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  name: z.string().min(1).max(40),
  scopes: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, "must include openid")
    .default("openid email profile"),
});
export type OidcProvider = z.infer<typeof providerSchema>;

/**
 * The providers: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME for one (named "sso"),
 * or OIDC_PROVIDERS=nhsmail,cis2 with OIDC_NHSMAIL_ISSUER, OIDC_NHSMAIL_CLIENT_ID, ... for several.
 * A plain-HTTP issuer is accepted only on loopback (tests); anything else must be HTTPS.
 */
export function parseOidcProviders(source: NodeJS.ProcessEnv): OidcProvider[] {
  const names = source.OIDC_PROVIDERS ? source.OIDC_PROVIDERS.split(",").map((n) => n.trim()) : source.OIDC_ISSUER ? ["sso"] : [];
  const problems: string[] = [];
  const providers = names.flatMap((id) => {
    const prefix = source.OIDC_PROVIDERS ? `OIDC_${id.toUpperCase()}_` : "OIDC_";
    const raw = {
      id,
      issuer: source[`${prefix}ISSUER`],
      clientId: source[`${prefix}CLIENT_ID`],
      clientSecret: source[`${prefix}CLIENT_SECRET`] || undefined,
      name: source[`${prefix}NAME`] || (id === "sso" ? "single sign-on" : id.toUpperCase()),
      scopes: source[`${prefix}SCOPES`] || undefined,
    };
    const parsed = providerSchema.safeParse(raw);
    if (!parsed.success) {
      const field = (k: PropertyKey) =>
        `${prefix}${String(k)
          .replace(/([A-Z])/g, "_$1")
          .toUpperCase()}`;
      problems.push(...parsed.error.issues.map((i) => `${field(i.path[0] ?? "")}: ${i.message}`));
      return [];
    }
    const url = new URL(parsed.data.issuer);
    if (url.protocol === "http:" && !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
      problems.push(`${prefix}ISSUER: must be an https address`);
    return [parsed.data];
  });
  if (new Set(names).size !== names.length) problems.push("OIDC_PROVIDERS: a provider is named twice");
  if (problems.length) throw new Error(`Invalid environment variables: ${problems.join("; ")}`);
  return providers;
}

export type Env = z.infer<typeof schema> & { secureCookies: boolean; oidcProviders: OidcProvider[] };

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
    oidcProviders: parseOidcProviders(process.env),
  };
}

export const env = parseEnv();

/**
 * The address users reach the tracker at, without a trailing slash: PUBLIC_URL (or its older name
 * APP_URL), else this request's own origin. Sign-in callbacks, sign-out and links in emails start with it.
 */
export function publicOrigin(request: Request, source: NodeJS.ProcessEnv = process.env): string {
  const set = (source.PUBLIC_URL || source.APP_URL)?.trim();
  return set ? set.replace(/\/+$/, "") : new URL(request.url).origin;
}
