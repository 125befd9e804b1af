import "server-only";
import { createLimiter, takeSlot } from "@/lib/db/rate-limiter";
import { networkOf } from "@/lib/http/client-ip";

// Each identity-provider callback costs a code exchange with the provider and a database
// write: 30 a minute per network is far more than a person needs.
let limiter: ReturnType<typeof createLimiter> | undefined;
const perNetwork = () => (limiter ??= createLimiter({ keyPrefix: "callback:ip", points: 30, duration: 60 }));

/** Milliseconds until this client may come back from an identity provider again, or 0 when it may now. */
export async function providerCallbackWait(ip: string): Promise<number> {
  const slot = await takeSlot(perNetwork(), networkOf(ip));
  return slot.ok ? 0 : slot.retryAfterMs;
}
