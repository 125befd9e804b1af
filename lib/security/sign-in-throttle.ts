import "server-only";
import { findUserId } from "@/lib/db/users";
import { createLimiter } from "@/lib/db/rate-limiter";
import { env } from "@/lib/env";
import { lookupFor } from "@/lib/auth/identifier";
import { securityEvent } from "@/lib/log";

const HOUR = 3600;
const DAY = 24 * HOUR;

export type ThrottlePolicy = {
  /** Failures on one account from one IP before each further try must wait. */
  delayAfter: number;
  /** Failures on one account from one IP that lock that pair. */
  lockAfter: number;
  lockSeconds: number;
  /** The first wait, doubled after each further failure. */
  firstDelaySeconds: number;
  /** Failed sign-ins one IP may make in an hour, over all accounts. */
  ipMaxFailures: number;
  /** Failures from one IP after which its sign-ins need a proof of work. */
  challengeAfter: number;
};

export const policyFromEnv = (): ThrottlePolicy => ({
  delayAfter: env.LOGIN_DELAY_AFTER,
  lockAfter: Math.max(env.LOGIN_LOCK_AFTER, env.LOGIN_DELAY_AFTER + 1),
  lockSeconds: env.LOGIN_LOCK_MINUTES * 60,
  firstDelaySeconds: env.LOGIN_DELAY_SECONDS,
  ipMaxFailures: env.LOGIN_IP_MAX_FAILURES,
  challengeAfter: env.LOGIN_CHALLENGE_AFTER,
});

/** Seconds to wait after the `failures`-th failure on one account from one IP (0: none). */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures >= policy.lockAfter) return policy.lockSeconds;
  if (failures < policy.delayAfter) return 0;
  return Math.min(policy.firstDelaySeconds * 2 ** (failures - policy.delayAfter), policy.lockSeconds);
}

export type Gate = { blocked: false; challenge: boolean } | { blocked: true; retryAfterMs: number };

/**
 * Throttles password guessing. Failures are counted per account and client IP pair (a
 * lockout there cannot lock the real owner out from their own network) and per IP over all
 * accounts (stops spraying one password across many accounts). The account is its user id
 * when it exists, else the normalised identifier: its email and its username share one
 * count, and the work is the same whether or not the account exists.
 */
/** The account an identifier points at (its id, if it exists) and the throttle's name for it. */
async function accountOf(identifier: string) {
  const lookup = lookupFor(identifier);
  const userId = await findUserId(lookup);
  const name = userId ? `user:${userId}` : "email" in lookup ? `email:${lookup.email}` : `name:${lookup.usernameKey}`;
  return { userId, name };
}

export function createSignInThrottle(policy: ThrottlePolicy) {
  const pairFailures = createLimiter({ keyPrefix: "signin:pair", points: policy.lockAfter, duration: DAY });
  const pairWait = createLimiter({ keyPrefix: "signin:wait", points: 1, duration: 1 });
  const ipFailures = createLimiter({ keyPrefix: "signin:ip", points: policy.ipMaxFailures, duration: HOUR });

  /** Whether sign-ins from this IP need a proof of work (the sign-in page asks before rendering). */
  async function needsChallenge(ip: string) {
    return ((await ipFailures.get(ip))?.consumedPoints ?? 0) >= policy.challengeAfter;
  }

  /**
   * Starts one sign-in attempt: looks the account up once (or takes the id of an account the
   * caller already holds), says whether this IP may try it now (and must solve a challenge
   * first), and returns how to record the outcome.
   */
  async function begin(who: string | { userId: string }, ip: string) {
    const { userId, name } = typeof who === "string" ? await accountOf(who) : { userId: who.userId, name: `user:${who.userId}` };
    const key = `${name}|${ip}`;

    const [ipCount, wait] = await Promise.all([ipFailures.get(ip), pairWait.get(key)]);
    const failures = ipCount?.consumedPoints ?? 0;
    let gate: Gate = { blocked: false, challenge: failures >= policy.challengeAfter };
    if (ipCount && failures >= policy.ipMaxFailures) gate = { blocked: true, retryAfterMs: ipCount.msBeforeNext };
    else if (wait && wait.consumedPoints > 1) gate = { blocked: true, retryAfterMs: wait.msBeforeNext };

    /** Counts a failed try; returns the gate the next try will meet. */
    async function fail(): Promise<Gate> {
      const [pair, ip_] = await Promise.all([pairFailures.penalty(key, 1), ipFailures.penalty(ip, 1)]);
      const seconds = waitAfter(pair.consumedPoints, policy);
      if (seconds > 0) await pairWait.block(key, seconds);
      securityEvent("signin.failure", { userId, ip, failures: pair.consumedPoints, ipFailures: ip_.consumedPoints, waitSeconds: seconds });
      if (ip_.consumedPoints >= policy.ipMaxFailures) return { blocked: true, retryAfterMs: ip_.msBeforeNext };
      if (seconds > 0) return { blocked: true, retryAfterMs: seconds * 1000 };
      return { blocked: false, challenge: ip_.consumedPoints >= policy.challengeAfter };
    }

    /** A correct password clears this account's count for this IP. */
    async function succeed() {
      await Promise.all([pairFailures.delete(key), pairWait.delete(key)]);
      securityEvent("signin.success", { userId, ip });
    }

    return { gate, fail, succeed };
  }

  return { begin, needsChallenge };
}

let throttle: ReturnType<typeof createSignInThrottle> | undefined;

/** The app's sign-in throttle, configured from the settings. */
export const signInThrottle = () => (throttle ??= createSignInThrottle(policyFromEnv()));
