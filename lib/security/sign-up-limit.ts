import "server-only";
import { createLimiter, type Slot, takeSlot } from "@/lib/db/rate-limiter";
import { env } from "@/lib/env";
import { networkOf } from "@/lib/http/client-ip";

let limiter: ReturnType<typeof createLimiter> | undefined;
const perNetwork = () =>
  (limiter ??= createLimiter({ keyPrefix: "signup:ip", points: env.SIGNUP_IP_MAX_PER_HOUR, duration: 3600 }));

/**
 * Takes one of this network's sign-ups for the hour before the account is made, so that a
 * burst of parallel sign-ups makes no more accounts than the cap. Release it when no account
 * was made after all.
 */
export function reserveSignUp(ip: string): Promise<Slot> {
  return takeSlot(perNetwork(), networkOf(ip));
}
