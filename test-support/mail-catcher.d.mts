/** One message as the catcher stores it: `to` holds the envelope recipients. */
export type CaughtMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** ISO timestamp. */
  receivedAt: string;
};

export type MailCatcher = { port: number; close(): Promise<void> };

export function startMailCatcher(options: { port: number; dir: string }): Promise<MailCatcher>;
