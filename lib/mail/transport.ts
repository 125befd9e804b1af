import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { logger } from "@/lib/log";

export type MailMessage = { to: string; subject: string; text: string; html: string };
type MailSettings = { smtpUrl?: string; from: string; outboxDir: string };
export type Mailer = { send(message: MailMessage): Promise<void> };

/**
 * With an SMTP URL, mail goes to that server; without one, each message is written to the
 * outbox folder as an .eml file that any mail client opens. Either way a failure throws.
 */
export function createMailer(settings: MailSettings): Mailer {
  return settings.smtpUrl ? smtpMailer(settings.smtpUrl, settings.from) : outboxMailer(settings.from, settings.outboxDir);
}

function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      // nodemailer resolves once any recipient is accepted; a refused one would be lost silently.
      if (info.rejected.length > 0) {
        const refused = info.rejected.map((r) => (typeof r === "string" ? r : r.address));
        throw new Error(`mail: the SMTP server refused ${refused.join(", ")}`);
      }
    },
  };
}

function outboxMailer(from: string, outboxDir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      const dir = path.resolve(outboxDir);
      await mkdir(dir, { recursive: true });
      // Colons are not allowed in Windows file names.
      const stamp = new Date().toISOString().replaceAll(":", "-");
      const file = path.join(dir, `${stamp}-${randomBytes(4).toString("hex")}.eml`);
      await writeFile(file, info.message as Buffer, { flag: "wx" });
      logger.info({ event: "mail.written", file, to: message.to, subject: message.subject }, "mail.written");
    },
  };
}

let appMailer: Mailer | undefined;

/** Sends one message with the app's settings; throws when it cannot be delivered or written. */
export async function sendMail(message: MailMessage): Promise<void> {
  // Imported here, not at the top, so that tests can use createMailer without the app's
  // required settings (AUTH_SECRET) being present.
  const { env } = await import("@/lib/env");
  appMailer ??= createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, outboxDir: env.MAIL_OUTBOX_DIR });
  await appMailer.send(message);
}
