import "server-only";
import { type SessionInfo, signedInRecently } from "@/lib/auth/session";
import { markSessionConfirmed } from "@/lib/db/sessions";
import { findUserById, hasPassword } from "@/lib/db/users";
import { env } from "@/lib/env";
import type { FormState } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import { tooManyAttempts } from "@/lib/security/retry-message";
import { signInThrottle } from "@/lib/security/sign-in-throttle";
import { PasswordTooLongError, verifyPassword } from "@/lib/auth/password";

const WRONG_PASSWORD = "Your current password is not correct";

type Account = NonNullable<Awaited<ReturnType<typeof findUserById>>>;
type PasswordCheck = { ok: true; user: Account } | { ok: false; state: FormState<"currentPassword"> };

/**
 * Confirms a signed-in person's current password before a sensitive change. Guesses count
 * against the account's sign-in throttle for this network (counted before the check, like
 * every guess), so settings are no way around it.
 */
export async function confirmCurrentPassword(userId: string, password: string, ip: string): Promise<PasswordCheck> {
  const user = await findUserById(userId);
  if (!user) return { ok: false, state: { fieldErrors: { currentPassword: WRONG_PASSWORD } } };
  const attempt = await signInThrottle().attempt({ shown: `user:${user.id}` }, ip, user.id);
  if (attempt.status === "blocked") return { ok: false, state: { formError: tooManyAttempts(attempt.retryAfterMs) } };
  if (attempt.status !== "allowed") return { ok: false, state: { fieldErrors: { currentPassword: WRONG_PASSWORD } } };
  let ok = false;
  try {
    ok = (await verifyPassword(password, user.passwordHash, env.BCRYPT_COST)).ok;
  } catch (error) {
    if (!(error instanceof PasswordTooLongError)) throw error;
  }
  if (!ok) {
    securityEvent("current_password.refused", { userId, ip });
    const next = await attempt.fail();
    return { ok: false, state: next.blocked ? { formError: tooManyAttempts(next.retryAfterMs) } : { fieldErrors: { currentPassword: WRONG_PASSWORD } } };
  }
  await attempt.succeed();
  return { ok: true, user };
}

/**
 * For changes that need proof it is really this person: within ten minutes of signing in, or
 * with the current password (counted like every guess). Someone without a password (who came
 * through an identity provider) must have signed in recently. With `alwaysAskPassword`, the
 * password is asked for whenever there is one, however recent the sign-in.
 */
export async function confirmRecentOrPassword(
  session: SessionInfo,
  currentPassword: string | undefined,
  ip: string,
  what: string,
  { alwaysAskPassword = false }: { alwaysAskPassword?: boolean } = {},
): Promise<{ ok: true } | { ok: false; state: FormState<"currentPassword"> }> {
  const passwordOn = await hasPassword(session.user.id);
  if (!passwordOn) {
    return signedInRecently(session) ? { ok: true } : { ok: false, state: { formError: `For your security, sign in again to ${what}.` } };
  }
  if (signedInRecently(session) && !alwaysAskPassword) return { ok: true };
  if (!currentPassword) return { ok: false, state: { fieldErrors: { currentPassword: `Enter your current password to ${what}` } } };
  const check = await confirmCurrentPassword(session.user.id, currentPassword, ip);
  return check.ok ? { ok: true } : check;
}

/**
 * Confirms it is really this person with their current password (throttled like every guess):
 * for ten minutes the session counts as freshly signed in, as after a passkey confirmation.
 */
export async function confirmWithPassword(session: SessionInfo, password: string, ip: string): Promise<{ ok: true } | { ok: false; state: FormState<"currentPassword"> }> {
  const check = await confirmCurrentPassword(session.user.id, password, ip);
  if (!check.ok) return check;
  await markSessionConfirmed(session.sessionId);
  securityEvent("password.confirmed", { userId: session.user.id, ip });
  return { ok: true };
}
