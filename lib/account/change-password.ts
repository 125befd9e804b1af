import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { changePasswordHash } from "@/lib/db/users";
import { env } from "@/lib/env";
import type { FormState } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import * as templates from "@/lib/mail/templates";
import { confirmCurrentPassword } from "./current-password";
import { deliver } from "./notify";
import { VOIDED_BY_PASSWORD_CHANGE } from "./reset-password";

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
  await changePasswordHash(user.id, await hashPassword(password, env.BCRYPT_COST), {
    keepSessionId: currentSessionId,
    voidLinkPurposes: VOIDED_BY_PASSWORD_CHANGE,
  });
  securityEvent("password.changed", { userId: user.id });
  await deliver(user.email, templates.passwordChanged({ username: user.username, when: new Date() }));
  return { ok: true };
}
