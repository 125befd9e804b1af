import { z } from "zod";

const intInRange = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`);

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");

/**
 * The log level alone, for lib/log.ts: the logger is needed before (and without) the other
 * settings, e.g. by tests of single modules. Validated with the rest at start-up.
 */
export const logLevelSetting = (source: Record<string, string | undefined> = process.env) =>
  logLevel.catch("info").parse(source.LOG_LEVEL || undefined);

/** Settings that switch an identity provider on: all of a group, or none. */
const PROVIDER_SETTINGS = [
  ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET", "AUTH_OIDC_NAME"],
] as const;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const secureOrLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || (protocol === "http:" && LOCAL_HOSTS.has(hostname));
};

/** Every setting the app reads. Documented in .env.example. */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .min(1)
      .default("file:./prisma/dev.db")
      .refine(
        (v) => v.startsWith("file:") || /^postgres(ql)?:\/\/[^/]/.test(v),
        "DATABASE_URL must be a SQLite file (file:./prisma/dev.db) or a PostgreSQL URL (postgresql://user:password@host:5432/db)",
      ),
    // PostgreSQL only: connections each app process keeps at most, and the longest a statement may run.
    DATABASE_POOL_MAX: intInRange("DATABASE_POOL_MAX", 1, 1000).default(10),
    DATABASE_STATEMENT_TIMEOUT_MS: intInRange("DATABASE_STATEMENT_TIMEOUT_MS", 0, 3_600_000).default(10_000),
    // Checked here rather than in a refinement of the whole object, so that its problem is
    // listed together with every other field's.
    AUTH_SECRET: z
      .string({ error: "AUTH_SECRET is required (generate one with: openssl rand -base64 33, or run npm run setup)" })
      .min(32, "AUTH_SECRET must be at least 32 characters (generate one with: openssl rand -base64 33)"),
    AUTH_URL: z.url("AUTH_URL must be an absolute URL such as https://example.com").optional(),
    AUTH_TRUST_HOST: booleanFlag,
    BCRYPT_COST: intInRange("BCRYPT_COST", 10, 14).default(12),
    PASSWORD_MIN_LENGTH: intInRange("PASSWORD_MIN_LENGTH", 8, 64).default(8),
    // Read by lib/auth/password.ts and scripts/cluster.mjs; validated here with the rest.
    HASH_THREADS: intInRange("HASH_THREADS", 1, 64).optional(),
    WEB_CONCURRENCY: intInRange("WEB_CONCURRENCY", 1, 64).optional(),

    // Client IP: how many proxies in front of the app append to X-Forwarded-For (0: none, the
    // socket address is the client). Read by scripts/server.mjs; validated here with the rest.
    TRUST_PROXY: intInRange("TRUST_PROXY", 0, 10).default(0),

    // Throttling (see README "Abuse resistance").
    LOGIN_DELAY_AFTER: intInRange("LOGIN_DELAY_AFTER", 1, 100).default(5),
    LOGIN_LOCK_AFTER: intInRange("LOGIN_LOCK_AFTER", 2, 1000).default(10),
    LOGIN_DELAY_SECONDS: intInRange("LOGIN_DELAY_SECONDS", 1, 3600).default(15),
    LOGIN_LOCK_MINUTES: intInRange("LOGIN_LOCK_MINUTES", 1, 1440).default(15),
    LOGIN_IP_MAX_FAILURES: intInRange("LOGIN_IP_MAX_FAILURES", 1, 100000).default(100),
    LOGIN_CHALLENGE_AFTER: intInRange("LOGIN_CHALLENGE_AFTER", 0, 1000).default(3),
    SIGNUP_IP_MAX_PER_HOUR: intInRange("SIGNUP_IP_MAX_PER_HOUR", 1, 100000).default(10),
    MAIL_MAX_PER_HOUR: intInRange("MAIL_MAX_PER_HOUR", 1, 1000).default(5),
    // Reset mails to one address: the first spacing between two, doubling up to 30 minutes.
    RESET_MAIL_SPACING_SECONDS: intInRange("RESET_MAIL_SPACING_SECONDS", 1, 1800).default(60),
    // Proof of work: the largest counter a browser may have to try (average: half of it).
    POW_MAX_NUMBER: intInRange("POW_MAX_NUMBER", 1000, 10000000).default(60000),

    // Mail. Without SMTP_URL, messages are written to MAIL_OUTBOX_DIR as .eml files.
    SMTP_URL: z
      .url("SMTP_URL must be a URL such as smtp://user:pass@mail.example.com:587")
      .refine((v) => /^smtps?:\/\//.test(v), "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Front Door <no-reply@localhost>"),
    MAIL_OUTBOX_DIR: z.string().min(1).default("./mail-outbox"),
    REQUIRE_VERIFIED_EMAIL: booleanFlag,
    // true: a signed-in person without two-factor sets it up before anything else opens.
    REQUIRE_TWO_FACTOR: booleanFlag,

    // The activity log (README "Admin area and activity log"): days an event is kept.
    ACTIVITY_RETENTION_DAYS: intInRange("ACTIVITY_RETENTION_DAYS", 1, 3650).default(90),
    // Mail the person when their account signs in from a browser it has not used before.
    NEW_DEVICE_MAIL: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => v !== "false" && v !== "0"),

    // Identity providers (README "Sign in with GitHub, Google or OpenID Connect"): each is on
    // when all of its settings are set, and off when none is.
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_ISSUER: z.url("AUTH_OIDC_ISSUER must be the issuer's URL, such as https://sso.example.com/realms/main").optional(),
    AUTH_OIDC_ID: z.string().min(1).optional(),
    AUTH_OIDC_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().trim().min(1).max(40, "AUTH_OIDC_NAME must be at most 40 characters").optional(),
    LOG_LEVEL: logLevel,
    // Development only: the port links in mail point at when AUTH_URL is not set.
    PORT: intInRange("PORT", 1, 65535).default(3000),
    // Set by scripts/server.mjs, which rewrites X-Forwarded-For from the socket (lib/http/client-ip.ts).
    FRONT_DOOR_SERVER: booleanFlag,
  })
  .check(
    z.superRefine((env, ctx) => {
      for (const group of PROVIDER_SETTINGS) {
        const set = group.filter((name) => env[name] !== undefined);
        if (set.length > 0 && set.length < group.length) {
          for (const name of group.filter((n) => env[n] === undefined)) {
            ctx.addIssue({ code: "custom", path: [name], message: `${name} is required when ${set.join(" and ")} ${set.length === 1 ? "is" : "are"} set` });
          }
        }
      }
      if (env.AUTH_OIDC_ISSUER && !secureOrLocal(env.AUTH_OIDC_ISSUER)) {
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_OIDC_ISSUER"],
          message: "AUTH_OIDC_ISSUER must be an https:// URL (plain http:// only on localhost, for development and tests)",
        });
      }
      // Links in mail are built from AUTH_URL: taking the host from a request would let anyone
      // who sends a forged Host header receive someone else's password-reset link.
      if (env.NODE_ENV === "production" && !env.AUTH_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_URL"],
          message: "AUTH_URL is required in production (links in emails are built from it), e.g. https://app.example.com",
        });
      }
    }),
  );

type Env = z.infer<typeof envSchema>;

/** Parses settings or throws one error that lists every problem, one per line. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value (AUTH_URL= copied from .env.example) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
  throw new Error(`Invalid environment settings:\n${lines.join("\n")}`);
}
