import { rmSync } from "node:fs";
import { MAIL_DIR, MAIL_PORT, OIDC_PORT, PORT, REHASH_PORT } from "../playwright.config";
import { startOidcServer } from "../test-support/oidc-server";
import { startMailCatcher } from "../test-support/mailbox";

/**
 * A real SMTP server for the run (the app sends to it, tests read what arrived:
 * test-support/mailbox.ts) and a real OpenID Connect server (test-support/oidc-server.ts).
 */
export default async function globalSetup() {
  rmSync(MAIL_DIR, { recursive: true, force: true });
  const catcher = await startMailCatcher({ port: MAIL_PORT, dir: MAIL_DIR });
  const oidc = await startOidcServer({
    port: OIDC_PORT,
    redirectUris: [PORT, REHASH_PORT].map((port) => `http://localhost:${port}/api/auth/callback/oidc`),
  });
  return async () => {
    await Promise.all([catcher.close(), oidc.close()]);
  };
}
