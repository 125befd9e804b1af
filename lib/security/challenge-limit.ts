import "server-only";
import { createLimiter, takeSlot } from "@/lib/db/rate-limiter";
import { networkOf } from "@/lib/http/client-ip";

// Challenges are cheap to make, but each one is a database row when redeemed: cap the rate.
let limiter: ReturnType<typeof createLimiter> | undefined;
const perNetwork = () => (limiter ??= createLimiter({ keyPrefix: "challenge:ip", points: 60, duration: 60 }));

/** Milliseconds until this client may have another proof-of-work challenge, or 0 when it may now. */
export async function challengeWait(ip: string): Promise<number> {
  const slot = await takeSlot(perNetwork(), networkOf(ip));
  return slot.ok ? 0 : slot.retryAfterMs;
}
