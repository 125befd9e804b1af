import "server-only";
import { createLimiter } from "@/lib/db/rate-limiter";
import { env } from "@/lib/env";

let limiter: ReturnType<typeof createLimiter> | undefined;
const mails = () => (limiter ??= createLimiter({ keyPrefix: "mail", points: env.MAIL_MAX_PER_HOUR, duration: 3600 }));

/**
 * Counts one mail for `key` (an address, a user, an IP). Returns 0 when it may be sent, else
 * the milliseconds until it may: nobody can make the app flood an inbox.
 */
export async function mailWait(key: string): Promise<number> {
  const used = await mails().penalty(key, 1);
  return used.consumedPoints > env.MAIL_MAX_PER_HOUR ? Math.max(1, used.msBeforeNext) : 0;
}
