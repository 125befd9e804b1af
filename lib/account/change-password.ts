import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { type SessionInfo, signedInRecently } from "@/lib/auth/session";
import { findUserById, setFirstPasswordHash } from "@/lib/db/users";
import { env } from "@/lib/env";
import { securityEvent } from "@/lib/log";
import type { FormState } from "@/lib/forms/form-state";
import { confirmCurrentPassword } from "./current-password";
import { setNewPassword } from "./reset-password";

type Field = "currentPassword" | "password" | "confirmPassword";

/**
 * Sets a new password for a signed-in person, after their current one. Every other session
 * ends, pending reset and change-email links are void, and a notice is mailed.
 */
export async function changePassword(
  userId: string,
  currentSessionId: string,
  { currentPassword, password }: { currentPassword: string; password: string },
  ip: string,
): Promise<{ ok: true } | { ok: false; state: FormState<Field> }> {
  const check = await confirmCurrentPassword(userId, currentPassword, ip);
  if (!check.ok) return check;
  const { user } = check;
  const weak = await passwordProblem(password, user);
  if (weak) return { ok: false, state: { fieldErrors: { password: weak } } };
  await setNewPassword(user, password, { keepSessionId: currentSessionId, event: "password.changed" });
  return { ok: true };
}

export const SIGN_IN_AGAIN = "For your security, sign in again before you set a password.";

/**
 * A first password for someone who came through an identity provider: only within minutes of
 * a sign-in (there is no current password to ask for), and only while they have none.
 */
export async function setFirstPassword(
  session: SessionInfo,
  password: string,
): Promise<{ ok: true } | { ok: false; state: FormState<"password" | "confirmPassword"> }> {
  if (!signedInRecently(session)) return { ok: false, state: { formError: SIGN_IN_AGAIN } };
  const user = await findUserById(session.user.id);
  if (!user) return { ok: false, state: { formError: SIGN_IN_AGAIN } };
  const weak = await passwordProblem(password, user);
  if (weak) return { ok: false, state: { fieldErrors: { password: weak } } };
  if (!(await setFirstPasswordHash(user.id, await hashPassword(password, env.BCRYPT_COST)))) {
    return { ok: false, state: { formError: "You have a password already: change it with your current one." } };
  }
  securityEvent("password.set", { userId: user.id });
  return { ok: true };
}
