import "server-only";
import { passwordProblem } from "@/lib/auth/password-policy";
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
