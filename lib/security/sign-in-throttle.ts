import "server-only";
import { clear, reserve, settle, type Spacing } from "@/lib/db/attempt-counters";
import { createLimiter, takeSlot } from "@/lib/db/rate-limiter";
import { env } from "@/lib/env";
import { networkOf } from "@/lib/http/client-ip";
import { securityEvent } from "@/lib/log";

const HOUR = 3600;
const DAY = 24 * HOUR;

export type ThrottlePolicy = {
  /** Failures on one account from one network before each further try must wait. */
  delayAfter: number;
  /** Failures on one account from one network that lock that pair. */
  lockAfter: number;
  lockSeconds: number;
  /** The first wait, doubled after each further failure. */
  firstDelaySeconds: number;
  /** Failed sign-ins one network may make in an hour, over all accounts. */
  ipMaxFailures: number;
  /** Failures from one network after which its sign-ins need a proof of work. */
  challengeAfter: number;
};

const policyFromEnv = (): ThrottlePolicy => ({
  delayAfter: env.LOGIN_DELAY_AFTER,
  lockAfter: Math.max(env.LOGIN_LOCK_AFTER, env.LOGIN_DELAY_AFTER + 1),
  lockSeconds: env.LOGIN_LOCK_MINUTES * 60,
  firstDelaySeconds: env.LOGIN_DELAY_SECONDS,
  ipMaxFailures: env.LOGIN_IP_MAX_FAILURES,
  challengeAfter: env.LOGIN_CHALLENGE_AFTER,
});

/** Seconds to wait after the `failures`-th failure on one account from one network (0: none). */
export function waitAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures >= policy.lockAfter) return policy.lockSeconds;
  if (failures < policy.delayAfter) return 0;
  return Math.min(policy.firstDelaySeconds * 2 ** (failures - policy.delayAfter), policy.lockSeconds);
}

type Gate = { blocked: false; challenge: boolean } | { blocked: true; retryAfterMs: number };

/**
 * What a password guess is counted against, besides the network it comes from:
 * `shown`: its count answers "Too many attempts" (at sign-in, the name typed: an email or a
 * username); `silent`: counted too, but when it is exhausted the guess is answered exactly as a
 * wrong password (at sign-in, the account the name points at). Answers therefore depend only
 * on what was typed, never reveal which email and username share an account, and the account
 * still gets no more real password checks than the policy allows.
 */
type ThrottleKeys = { shown: string; silent?: string };

type Attempt =
  | { status: "blocked"; retryAfterMs: number }
  | { status: "challenge-refused" }
  | {
      status: "allowed";
      /** False when the silent count is exhausted: compare against the dummy hash and fail. */
      checkPassword: boolean;
      /** Counts the guess as failed; returns the gate the next guess will meet. */
      fail(): Promise<Gate>;
      /** A correct password clears the counts of this name and account for this network. */
      succeed(): Promise<void>;
    };

/**
 * Throttles password guessing. Every guess is counted before its password is checked (a burst
 * of parallel guesses gets exactly what the same guesses one after another would), per name
 * and account from one network (a lockout there cannot lock the real owner out from their own
 * network) and per network over all accounts (stops spraying one password across many
 * accounts; past a few failures its guesses need a proof of work).
 */
export function createSignInThrottle(policy: ThrottlePolicy) {
  const perNetwork = createLimiter({ keyPrefix: "signin:ip", points: policy.ipMaxFailures, duration: HOUR });
  const spacing: Spacing = { windowSeconds: DAY, waitAfter: (count) => waitAfter(count, policy) };

  /** Whether sign-ins from this network need a proof of work (the sign-in page asks before rendering). */
  async function needsChallenge(ip: string) {
    return ((await perNetwork.get(networkOf(ip)))?.consumedPoints ?? 0) >= policy.challengeAfter;
  }

  /**
   * Starts one guess from `ip` for `userId`'s account (null: no such account), with a
   * proof-of-work check to run when this network must solve one (omitted: never asked).
   */
  async function attempt(keys: ThrottleKeys, ip: string, userId: string | null, solvedChallenge?: () => Promise<boolean>): Promise<Attempt> {
    const network = networkOf(ip);
    const slot = await takeSlot(perNetwork, network);
    if (!slot.ok) {
      securityEvent("signin.throttled", { userId, ip, retryAfterMs: slot.retryAfterMs });
      return { status: "blocked", retryAfterMs: slot.retryAfterMs };
    }
    if (solvedChallenge && slot.count > policy.challengeAfter && !(await solvedChallenge())) {
      await slot.release();
      securityEvent("challenge.refused", { ip, purpose: "signin" });
      return { status: "challenge-refused" };
    }

    const shownKey = `signin:${keys.shown}|${network}`;
    const shown = await reserve(shownKey, spacing);
    if (!shown.ok) {
      await slot.release();
      securityEvent("signin.throttled", { userId, ip, retryAfterMs: shown.retryAfterMs });
      return { status: "blocked", retryAfterMs: shown.retryAfterMs };
    }
    const silentKey = keys.silent && `signin:${keys.silent}|${network}`;
    const silent = silentKey ? await reserve(silentKey, spacing) : null;

    return {
      status: "allowed",
      checkPassword: silent?.ok ?? true,
      async fail() {
        const seconds = waitAfter(shown.count, policy);
        await Promise.all([
          settle(shownKey, shown.count, seconds),
          silentKey && silent?.ok && settle(silentKey, silent.count, waitAfter(silent.count, policy)),
        ]);
        securityEvent("signin.failure", { userId, ip, failures: shown.count, ipFailures: slot.count, waitSeconds: seconds });
        if (slot.count >= policy.ipMaxFailures) return { blocked: true, retryAfterMs: Math.max(1, slot.msBeforeReset) };
        if (seconds > 0) return { blocked: true, retryAfterMs: seconds * 1000 };
        return { blocked: false, challenge: slot.count >= policy.challengeAfter };
      },
      /** The credentials were right (the caller logs what it does with them). */
      async succeed() {
        await Promise.all([clear(shownKey, ...(silentKey ? [silentKey] : [])), slot.release()]);
      },
    };
  }

  return { attempt, needsChallenge };
}

let throttle: ReturnType<typeof createSignInThrottle> | undefined;

/** The app's sign-in throttle, configured from the settings. */
export const signInThrottle = () => (throttle ??= createSignInThrottle(policyFromEnv()));
