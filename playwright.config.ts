import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { OIDC_CLIENT } from "./test-support/oidc-client";

/**
 * End-to-end tests against the production build (`next build` runs first, in `npm run
 * test:e2e`), served by `next start` on a throwaway SQLite file (or PostgreSQL database). A second server shares the
 * database with a different bcrypt cost, to prove hashes are upgraded on sign-in.
 */
// E2E_PORT_BASE moves every port of a run, so two checkouts can run their suites side by side.
const PORT_BASE = Number(process.env.E2E_PORT_BASE) || 3210;
export const PORT = PORT_BASE;
export const REHASH_PORT = PORT_BASE + 1;
/** Port for the n-th short-lived extra server a test file starts (e2e/fixtures/server.ts). */
export const extraPort = (n: number) => PORT_BASE + 80 + n;
export const TEST_DB = "e2e/.tmp/e2e.db";
/**
 * The servers' database: the SQLite file, or the PostgreSQL database that `npm run test:pg`
 * made for this run (test-support/pg-cluster.mjs). Never a DATABASE_URL from the shell: the
 * first server empties it.
 */
export const DATABASE_URL = process.env.E2E_DATABASE_URL || `file:./${TEST_DB}`;
/** The SMTP catcher started by e2e/global-setup.ts, and where it files each message. */
export const MAIL_PORT = PORT_BASE + 15;
/** The OpenID Connect server started by e2e/global-setup.ts (test-support/oidc-server.ts). */
export const OIDC_PORT = PORT_BASE + 16;
export const OIDC_NAME = "Test SSO";
export const MAIL_DIR = "e2e/.tmp/mail";

/** Throttle settings of the test servers; tests read them to know when limits bite. */
export const E2E_LIMITS = {
  LOGIN_DELAY_AFTER: "3",
  LOGIN_LOCK_AFTER: "5",
  LOGIN_DELAY_SECONDS: "1",
  LOGIN_LOCK_MINUTES: "15",
  LOGIN_IP_MAX_FAILURES: "8",
  LOGIN_CHALLENGE_AFTER: "2",
  SIGNUP_IP_MAX_PER_HOUR: "4",
  MAIL_MAX_PER_HOUR: "3",
  RESET_MAIL_SPACING_SECONDS: "1",
};

process.env.E2E_AUTH_SECRET ??= randomBytes(33).toString("base64");

export const OIDC_SETTINGS = {
  AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
  AUTH_OIDC_ID: OIDC_CLIENT.id,
  AUTH_OIDC_SECRET: OIDC_CLIENT.secret,
  AUTH_OIDC_NAME: OIDC_NAME,
};

const serverEnv = (cost: number, port: number) => ({
  NODE_ENV: "production",
  DATABASE_URL,
  AUTH_SECRET: process.env.E2E_AUTH_SECRET!,
  AUTH_TRUST_HOST: "true",
  AUTH_URL: `http://localhost:${port}`,
  SMTP_URL: `smtp://127.0.0.1:${MAIL_PORT}`,
  BCRYPT_COST: String(cost),
  NEXT_TELEMETRY_DISABLED: "1",
  // Each test signs in from its own address (X-Forwarded-For set by e2e/fixtures/test.ts),
  // as if behind one proxy, so throttles of one test never touch another's.
  TRUST_PROXY: "1",
  // Throttles shrunk so the tests reach them in seconds; the rules are the same.
  ...E2E_LIMITS,
  // Sign-in through the test OpenID Connect server.
  ...OIDC_SETTINGS,
});

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.e2e.ts",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : "list",
  use: {
    baseURL: `http://localhost:${PORT}`,
    // Tracing records a screencast of every test, too costly on a 2-core machine; turn it on
    // for a run with --trace on.
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `node e2e/serve.mjs ${PORT}`,
      url: `http://localhost:${PORT}/api/health`,
      env: serverEnv(10, PORT),
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node e2e/serve.mjs ${REHASH_PORT} --no-migrate`,
      url: `http://localhost:${REHASH_PORT}/api/health`,
      env: serverEnv(11, REHASH_PORT),
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
