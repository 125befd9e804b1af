import "server-only";
import { createLimiter } from "@/lib/db/rate-limiter";
import { env } from "@/lib/env";

let limiter: ReturnType<typeof createLimiter> | undefined;
const perIp = () =>
  (limiter ??= createLimiter({ keyPrefix: "signup:ip", points: env.SIGNUP_IP_MAX_PER_HOUR, duration: 3600 }));

/** Milliseconds until this IP may create another account, or 0 when it may now. */
export async function signUpWait(ip: string): Promise<number> {
  const used = await perIp().get(ip);
  return used && used.consumedPoints >= env.SIGNUP_IP_MAX_PER_HOUR ? Math.max(1, used.msBeforeNext) : 0;
}

/** Counts an account created from this IP. */
export async function countSignUp(ip: string) {
  await perIp().penalty(ip, 1);
}
