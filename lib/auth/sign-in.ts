import "server-only";
import { findUserForSignIn, updatePasswordHash } from "@/lib/db/users";
import { env } from "@/lib/env";
import { securityEvent } from "@/lib/log";
import { verifyChallenge } from "@/lib/security/proof-of-work";
import { signInThrottle } from "@/lib/security/sign-in-throttle";
import type { SignInData } from "@/lib/validation/auth";
import { lookupFor } from "./identifier";
import { hashPassword, verifyPassword } from "./password";

export type SignedInUser = { id: string; username: string | null; email: string };

type PasswordSignIn =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid"; challenge: boolean }
  | { ok: false; reason: "throttled"; retryAfterMs: number }
  | { ok: false; reason: "challenge" }
  | { ok: false; reason: "locked" };

/** What a locked account is told, only once it gave correct credentials. */
export const ACCOUNT_LOCKED = "This account is locked.";

/**
 * Checks an email-or-username and password, throttled (lib/security/sign-in-throttle.ts): one
 * look-up of the account, then the same bcrypt work whether or not it exists. `challenge` is
 * the form's proof-of-work answer, checked only when this network must give one.
 */
export async function checkPassword({ identifier, password }: SignInData, ip: string, challenge: unknown): Promise<PasswordSignIn> {
  const lookup = lookupFor(identifier);
  const user = await findUserForSignIn(lookup);
  const name = "email" in lookup ? `email:${lookup.email}` : `name:${lookup.usernameKey}`;
  const attempt = await signInThrottle().attempt(
    { shown: name, silent: user ? `user:${user.id}` : `none:${name}` },
    ip,
    user?.id ?? null,
    () => verifyChallenge(challenge, "signin"),
  );
  if (attempt.status === "blocked") return { ok: false, reason: "throttled", retryAfterMs: attempt.retryAfterMs };
  if (attempt.status === "challenge-refused") return { ok: false, reason: "challenge" };

  const { ok, needsRehash } = await verifyPassword(password, attempt.checkPassword ? user?.passwordHash : null, env.BCRYPT_COST);
  if (!ok || !user) {
    const next = await attempt.fail();
    return next.blocked ? { ok: false, reason: "throttled", retryAfterMs: next.retryAfterMs } : { ok: false, reason: "invalid", challenge: next.challenge };
  }
  if (needsRehash) await updatePasswordHash(user.id, await hashPassword(password, env.BCRYPT_COST));
  await attempt.succeed();
  if (user.lockedAt) {
    securityEvent("signin.refused", { userId: user.id, ip, method: "password", reason: "locked" });
    return { ok: false, reason: "locked" };
  }
  securityEvent("signin.success", { userId: user.id, ip, method: "password" });
  return { ok: true, user: { id: user.id, username: user.username, email: user.email } };
}

/** Whether sign-ins from this client must come with a proof of work (the page starts one early). */
export const needsSignInChallenge = (ip: string) => signInThrottle().needsChallenge(ip);
