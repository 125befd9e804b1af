import "server-only";
import { logger } from "@/lib/log";
import { sendMail } from "@/lib/mail/transport";
import type { MailContent } from "@/lib/mail/templates";

/** Sends a mail; a failure is logged, not shown: the person can ask again. */
export async function deliver(to: string, content: MailContent) {
  try {
    await sendMail({ to, ...content });
  } catch (error) {
    logger.error({ event: "mail.failed", subject: content.subject, error: (error as Error).message }, "mail.failed");
  }
}
