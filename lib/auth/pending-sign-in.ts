import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import {
  acceptStep,
  countUnusedRecoveryCodes,
  countWrongCode,
  createPendingSignIn,
  endPendingSignIn,
  findPendingSignIn,
  findTwoFactor,
  hasTwoFactor,
  useRecoveryCode,
} from "@/lib/db/two-factor";
import { env } from "@/lib/env";
import { securityEvent } from "@/lib/log";
import { signInThrottle } from "@/lib/security/sign-in-throttle";
import { decryptSecret, hashRecoveryCode, isRecoveryCodeShape, matchingStep } from "./two-factor";

/**
 * A sign-in whose password was right, waiting for the second factor: a server-side record for
 * 5 minutes, named by a random value only this browser holds (an HttpOnly cookie, of which the
 * database keeps the SHA-256). It is not a session: nothing protected opens before the code.
 */
export const PENDING_COOKIE = "two-factor-pending";
/** Where the second step is asked for. */
export const TWO_FACTOR_PATH = "/login/two-factor";
const LIFETIME_MS = 5 * 60_000;
/** Wrong codes that end a pending sign-in. */
export const MAX_WRONG_CODES = 5;

const hashOf = (value: string) => createHash("sha256").update(value).digest("hex");

export async function startPendingSignIn(userId: string, { remember, callbackUrl }: { remember: boolean; callbackUrl: string }) {
  const token = randomBytes(32).toString("base64url");
  await createPendingSignIn({ tokenHash: hashOf(token), userId, remember, callbackUrl, expires: new Date(Date.now() + LIFETIME_MS) });
  (await cookies()).set(PENDING_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: LIFETIME_MS / 1000,
    secure: env.AUTH_URL?.startsWith("https:") ?? false,
  });
}

export type PendingSignIn = NonNullable<Awaited<ReturnType<typeof findPendingSignIn>>> & { tokenHash: string };

/** This browser's pending sign-in, if it has one that has not expired. */
export async function currentPendingSignIn(): Promise<PendingSignIn | null> {
  const token = (await cookies()).get(PENDING_COOKIE)?.value;
  if (!token) return null;
  const tokenHash = hashOf(token);
  const pending = await findPendingSignIn(tokenHash);
  return pending && pending.expires.getTime() > Date.now() ? { ...pending, tokenHash } : null;
}

export async function forgetPendingSignIn() {
  (await cookies()).delete(PENDING_COOKIE);
}

export type SecondFactor =
  | { status: "ok"; usedRecoveryCode: boolean; recoveryCodesLeft: number }
  | { status: "invalid" }
  | { status: "ended" }
  | { status: "throttled"; retryAfterMs: number };

/**
 * Checks the second step: a code from the authenticator app (of a time step not used before:
 * a replayed code is refused) or an unused recovery code. Wrong codes count against the
 * account's sign-in throttle like wrong passwords, and the fifth ends the pending sign-in.
 * Success ends it too: it is used once.
 */
export async function verifySecondFactor(pending: PendingSignIn, code: string, ip: string): Promise<SecondFactor> {
  const { userId } = pending;
  const attempt = await signInThrottle().attempt({ shown: `user:${userId}` }, ip, userId);
  if (attempt.status === "blocked") return { status: "throttled", retryAfterMs: attempt.retryAfterMs };
  if (attempt.status !== "allowed") return { status: "invalid" };

  const usedRecoveryCode = isRecoveryCodeShape(code);
  const ok = usedRecoveryCode ? await useRecoveryCode(userId, hashRecoveryCode(code)) : await appCodeAccepted(userId, code);
  if (!ok || !(await endPendingSignIn(pending.tokenHash))) {
    securityEvent("two_factor.refused", { userId, ip });
    await attempt.fail();
    if ((await countWrongCode(pending.tokenHash).catch(() => MAX_WRONG_CODES)) >= MAX_WRONG_CODES) {
      await endPendingSignIn(pending.tokenHash);
      return { status: "ended" };
    }
    return { status: "invalid" };
  }
  await attempt.succeed();
  const recoveryCodesLeft = usedRecoveryCode ? await countUnusedRecoveryCodes(userId) : -1;
  if (usedRecoveryCode) securityEvent("two_factor.recovery_code_used", { userId, ip, remaining: recoveryCodesLeft });
  return { status: "ok", usedRecoveryCode, recoveryCodesLeft };
}

/** A code from the user's authenticator app, of a time step later than any accepted before. */
export async function appCodeAccepted(userId: string, code: string, now = Date.now()): Promise<boolean> {
  const twoFactor = await findTwoFactor(userId);
  const secret = twoFactor?.enabledAt ? decryptSecret(twoFactor.secret) : null;
  const step = secret ? matchingStep(secret, code, now) : null;
  return step !== null && (await acceptStep(userId, step));
}

/** Whether signing in to this account takes a second step. */
export { hasTwoFactor };

/** Ends a pending sign-in that its second step (a passkey) completed; false when it was ended already. */
export const finishPendingSignIn = (pending: PendingSignIn) => endPendingSignIn(pending.tokenHash);
