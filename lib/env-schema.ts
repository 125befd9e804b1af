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

/** Every setting the app reads. Documented in .env.example. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .min(1)
      .default("file:./prisma/dev.db")
      .refine((v) => v.startsWith("file:"), "DATABASE_URL must be a SQLite URL such as file:./prisma/dev.db"),
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
  });

export type Env = z.infer<typeof envSchema>;

/** Parses settings or throws one error that lists every problem, one per line. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value (AUTH_URL= copied from .env.example) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
  throw new Error(`Invalid environment settings:\n${lines.join("\n")}`);
}
