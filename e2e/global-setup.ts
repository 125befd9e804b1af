import { rmSync } from "node:fs";
import { MAIL_DIR, MAIL_PORT } from "../playwright.config";
import { startMailCatcher } from "../test-support/mailbox";

/** A real SMTP server for the run: the app sends to it, tests read what arrived (test-support/mailbox.ts). */
export default async function globalSetup() {
  rmSync(MAIL_DIR, { recursive: true, force: true });
  const catcher = await startMailCatcher({ port: MAIL_PORT, dir: MAIL_DIR });
  return () => catcher.close();
}
