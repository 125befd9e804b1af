import "server-only";
import { reserve, type Spacing } from "@/lib/db/attempt-counters";
import { createLimiter } from "@/lib/db/rate-limiter";
import { env } from "@/lib/env";
import { networkOf } from "@/lib/http/client-ip";

let limiter: ReturnType<typeof createLimiter> | undefined;
const mails = () => (limiter ??= createLimiter({ keyPrefix: "mail", points: env.MAIL_MAX_PER_HOUR, duration: 3600 }));

/**
 * Counts one mail for `key` (a user, a network, an address asked for from one network).
 * Returns 0 when it may be sent, else the milliseconds until it may: nobody can make the app
 * flood an inbox.
 */
export async function mailWait(key: string): Promise<number> {
  const used = await mails().penalty(key, 1);
  return used.consumedPoints > env.MAIL_MAX_PER_HOUR ? Math.max(1, used.msBeforeNext) : 0;
}

/** Longest spacing between two reset mails to one address: well inside a reset link's hour. */
const RESET_SPACING_MAX_SECONDS = 30 * 60;

const resetSpacing = (): Spacing => ({
  windowSeconds: 24 * 3600,
  waitAfter: (count) =>
    Math.min(env.RESET_MAIL_SPACING_SECONDS * 2 ** (count - 1), RESET_SPACING_MAX_SECONDS, env.RESET_MAIL_SPACING_SECONDS * 30),
});

/**
 * Whether a password-reset mail to `email` may go now, for a request from `ip`. Two rules, so
 * that strangers can neither flood an address nor stop its owner's mail:
 * - each network may ask MAIL_MAX_PER_HOUR times an hour for one address: using up a
 *   stranger's quota does nothing to the owner's;
 * - mails to one address are spaced, 1 x RESET_MAIL_SPACING_SECONDS after the first, then
 *   doubling, at most 30 minutes apart (the count starts over after a day). A request that
 *   falls inside the spacing sends nothing new, but a link sent at most 30 minutes ago, still
 *   valid, is then already in the inbox.
 */
export async function resetMailAllowed(email: string, ip: string): Promise<boolean> {
  if ((await mailWait(`reset:${email}|${networkOf(ip)}`)) > 0) return false;
  return (await reserve(`mail:reset:${email}`, resetSpacing())).ok;
}
