import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";

const SECRET = "s".repeat(32);

/** The error message parseEnv throws for `source`, failing the test if it does not throw. */
function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("applies the defaults when only AUTH_SECRET is set", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET })).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: "file:./prisma/dev.db",
      DATABASE_POOL_MAX: 10,
      DATABASE_STATEMENT_TIMEOUT_MS: 10_000,
      AUTH_SECRET: SECRET,
      AUTH_TRUST_HOST: false,
      BCRYPT_COST: 12,
      PASSWORD_MIN_LENGTH: 8,
      TRUST_PROXY: 0,
      LOGIN_DELAY_AFTER: 5,
      LOGIN_LOCK_AFTER: 10,
      LOGIN_DELAY_SECONDS: 15,
      LOGIN_LOCK_MINUTES: 15,
      LOGIN_IP_MAX_FAILURES: 100,
      LOGIN_CHALLENGE_AFTER: 3,
      SIGNUP_IP_MAX_PER_HOUR: 10,
      MAIL_MAX_PER_HOUR: 5,
      RESET_MAIL_SPACING_SECONDS: 60,
      POW_MAX_NUMBER: 60000,
      MAIL_FROM: "Front Door <no-reply@localhost>",
      MAIL_OUTBOX_DIR: "./mail-outbox",
      REQUIRE_VERIFIED_EMAIL: false,
      REQUIRE_TWO_FACTOR: false,
      ACTIVITY_RETENTION_DAYS: 90,
      NEW_DEVICE_MAIL: true,
      LOG_LEVEL: "info",
      PORT: 3000,
      FRONT_DOOR_SERVER: false,
    });
  });

  it("requires AUTH_SECRET and names it", () => {
    const message = errorOf({});
    expect(message).toContain("AUTH_SECRET");
    expect(message).toMatch(/AUTH_SECRET: AUTH_SECRET is required/);
  });

  it("requires AUTH_URL in production, where mail links are built from it", () => {
    expect(errorOf({ NODE_ENV: "production", AUTH_SECRET: SECRET })).toContain("AUTH_URL is required in production");
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET, AUTH_URL: "https://app.example.com" }).AUTH_URL).toBe(
      "https://app.example.com",
    );
  });

  it("requires AUTH_SECRET in production", () => {
    expect(errorOf({ NODE_ENV: "production" })).toContain("AUTH_SECRET is required");
  });

  it("refuses a 31-character secret, mentioning 32", () => {
    const message = errorOf({ AUTH_SECRET: "s".repeat(31) });
    expect(message).toContain("AUTH_SECRET");
    expect(message).toContain("32");
  });

  it("accepts a 32-character secret", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).AUTH_SECRET).toBe(SECRET);
  });

  it.each([
    ["10", 10],
    ["12", 12],
    ["14", 14],
  ])("accepts BCRYPT_COST=%s", (value, expected) => {
    expect(parseEnv({ AUTH_SECRET: SECRET, BCRYPT_COST: value }).BCRYPT_COST).toBe(expected);
  });

  it.each(["9", "15", "abc", "12.5", "-12"])("refuses BCRYPT_COST=%j with a message naming it", (value) => {
    const message = errorOf({ AUTH_SECRET: SECRET, BCRYPT_COST: value });
    expect(message).toContain("BCRYPT_COST");
    expect(message).not.toContain("AUTH_SECRET");
  });

  it("says what range BCRYPT_COST must be in", () => {
    expect(errorOf({ AUTH_SECRET: SECRET, BCRYPT_COST: "9" })).toContain("BCRYPT_COST must be between 10 and 14");
    expect(errorOf({ AUTH_SECRET: SECRET, BCRYPT_COST: "15" })).toContain("BCRYPT_COST must be between 10 and 14");
  });

  it("defaults PASSWORD_MIN_LENGTH to 8 and accepts 8..64", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).PASSWORD_MIN_LENGTH).toBe(8);
    expect(parseEnv({ AUTH_SECRET: SECRET, PASSWORD_MIN_LENGTH: "12" }).PASSWORD_MIN_LENGTH).toBe(12);
    expect(errorOf({ AUTH_SECRET: SECRET, PASSWORD_MIN_LENGTH: "7" })).toContain("PASSWORD_MIN_LENGTH");
    expect(errorOf({ AUTH_SECRET: SECRET, PASSWORD_MIN_LENGTH: "65" })).toContain("PASSWORD_MIN_LENGTH");
  });

  it("treats empty-string values as unset", () => {
    const env = parseEnv({
      AUTH_SECRET: SECRET,
      AUTH_URL: "",
      DATABASE_URL: "",
      BCRYPT_COST: "",
      PASSWORD_MIN_LENGTH: "",
      AUTH_TRUST_HOST: "",
      NODE_ENV: "",
    });
    expect(env.AUTH_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.db");
    expect(env.BCRYPT_COST).toBe(12);
    expect(env.PASSWORD_MIN_LENGTH).toBe(8);
    expect(env.NODE_ENV).toBe("development");
  });

  it("an empty AUTH_SECRET still counts as missing", () => {
    expect(errorOf({ AUTH_SECRET: "" })).toContain("AUTH_SECRET is required");
  });

  it("accepts an absolute AUTH_URL and refuses 'not a url'", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, AUTH_URL: "https://example.com" }).AUTH_URL).toBe("https://example.com");
    const message = errorOf({ AUTH_SECRET: SECRET, AUTH_URL: "not a url" });
    expect(message).toContain("AUTH_URL");
    expect(message).toContain("absolute URL");
  });

  it("accepts a SQLite file or a PostgreSQL URL as DATABASE_URL, and refuses anything else", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, DATABASE_URL: "file:/tmp/x.db" }).DATABASE_URL).toBe("file:/tmp/x.db");
    for (const url of ["postgres://u:p@localhost/db", "postgresql://u:p@db.internal:5432/app?sslmode=verify-full"]) {
      expect(parseEnv({ AUTH_SECRET: SECRET, DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
    for (const url of ["mysql://u:p@localhost/db", "postgresql://", "./prisma/dev.db"]) {
      const message = errorOf({ AUTH_SECRET: SECRET, DATABASE_URL: url });
      expect(message).toContain("DATABASE_URL must be a SQLite file (file:./prisma/dev.db) or a PostgreSQL URL");
    }
  });

  it("checks the PostgreSQL pool size and statement timeout", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, DATABASE_POOL_MAX: "25", DATABASE_STATEMENT_TIMEOUT_MS: "0" })).toMatchObject({
      DATABASE_POOL_MAX: 25,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    });
    expect(errorOf({ AUTH_SECRET: SECRET, DATABASE_POOL_MAX: "0" })).toContain("DATABASE_POOL_MAX must be between 1 and 1000");
    expect(errorOf({ AUTH_SECRET: SECRET, DATABASE_STATEMENT_TIMEOUT_MS: "-1" })).toContain("DATABASE_STATEMENT_TIMEOUT_MS must be between 0 and 3600000");
  });

  it.each([
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
  ])("reads AUTH_TRUST_HOST=%s as %s", (value, expected) => {
    expect(parseEnv({ AUTH_SECRET: SECRET, AUTH_TRUST_HOST: value }).AUTH_TRUST_HOST).toBe(expected);
  });

  it("refuses an unknown NODE_ENV", () => {
    expect(errorOf({ AUTH_SECRET: SECRET, NODE_ENV: "staging" })).toContain("NODE_ENV");
  });

  it("lists several problems in one error, one per line", () => {
    const message = errorOf({ BCRYPT_COST: "9", AUTH_URL: "not a url", DATABASE_URL: "mysql://x" });
    expect(message.startsWith("Invalid environment settings:")).toBe(true);
    for (const name of ["AUTH_SECRET", "BCRYPT_COST", "AUTH_URL", "DATABASE_URL"]) {
      expect(message).toMatch(new RegExp(`^  - ${name}: `, "m"));
    }
    expect(message.split("\n")).toHaveLength(5);
  });

  it.each([
    { BCRYPT_COST: "abc" },
    { NODE_ENV: "staging" },
  ])("still reports a missing AUTH_SECRET alongside %j", (extra) => {
    const message = errorOf({ ...extra });
    expect(message).toContain("AUTH_SECRET");
  });

  it("switches an identity provider on with all of its settings, and names what is missing", () => {
    const github = { AUTH_SECRET: SECRET, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" };
    expect(parseEnv(github).AUTH_GITHUB_ID).toBe("id");
    expect(errorOf({ AUTH_SECRET: SECRET, AUTH_GITHUB_ID: "id" })).toContain("AUTH_GITHUB_SECRET: AUTH_GITHUB_SECRET is required when AUTH_GITHUB_ID is set");
    const oidc = { AUTH_OIDC_ISSUER: "https://sso.example.com/realms/main", AUTH_OIDC_ID: "app", AUTH_OIDC_SECRET: "s", AUTH_OIDC_NAME: "Acme SSO" };
    expect(parseEnv({ AUTH_SECRET: SECRET, ...oidc }).AUTH_OIDC_NAME).toBe("Acme SSO");
    const missing = errorOf({ AUTH_SECRET: SECRET, AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER });
    for (const name of ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET", "AUTH_OIDC_NAME"]) expect(missing).toContain(`${name}: ${name} is required`);
  });

  it("accepts a plain http:// OpenID Connect issuer on localhost only", () => {
    const oidc = { AUTH_SECRET: SECRET, AUTH_OIDC_ID: "app", AUTH_OIDC_SECRET: "s", AUTH_OIDC_NAME: "Dev SSO" };
    for (const issuer of ["http://localhost:8080/realms/dev", "http://127.0.0.1:9000"]) {
      expect(parseEnv({ ...oidc, AUTH_OIDC_ISSUER: issuer }).AUTH_OIDC_ISSUER).toBe(issuer);
    }
    expect(errorOf({ ...oidc, AUTH_OIDC_ISSUER: "http://sso.example.com" })).toContain("AUTH_OIDC_ISSUER must be an https:// URL");
  });
});

describe("activity settings", () => {
  const base = { AUTH_SECRET: "x".repeat(40) };

  it("turns the new-device mail off only when asked to", () => {
    expect(parseEnv({ ...base }).NEW_DEVICE_MAIL).toBe(true);
    expect(parseEnv({ ...base, NEW_DEVICE_MAIL: "false" }).NEW_DEVICE_MAIL).toBe(false);
    expect(parseEnv({ ...base, NEW_DEVICE_MAIL: "0" }).NEW_DEVICE_MAIL).toBe(false);
    expect(parseEnv({ ...base, NEW_DEVICE_MAIL: "true" }).NEW_DEVICE_MAIL).toBe(true);
    expect(() => parseEnv({ ...base, NEW_DEVICE_MAIL: "maybe" })).toThrow(/NEW_DEVICE_MAIL/);
  });

  it("keeps events 1 to 3650 days", () => {
    expect(parseEnv({ ...base, ACTIVITY_RETENTION_DAYS: "7" }).ACTIVITY_RETENTION_DAYS).toBe(7);
    expect(() => parseEnv({ ...base, ACTIVITY_RETENTION_DAYS: "0" })).toThrow(/ACTIVITY_RETENTION_DAYS/);
    expect(() => parseEnv({ ...base, ACTIVITY_RETENTION_DAYS: "forever" })).toThrow(/ACTIVITY_RETENTION_DAYS/);
  });
});
