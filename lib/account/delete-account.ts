import "server-only";
import type { SessionInfo } from "@/lib/auth/session";
import { deleteUserAndData } from "@/lib/db/users";
import type { FormState } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import { usernameKey } from "@/lib/validation/auth";
import { confirmRecentOrPassword } from "./current-password";

type Field = "confirmUsername" | "currentPassword";

/**
 * Deletes a signed-in person's account and everything that is theirs, once they typed their
 * username and their password (without one: a recent sign-in or passkey confirmation).
 */
export async function deleteAccount(
  session: SessionInfo & { user: { username: string } },
  { confirmUsername, currentPassword }: { confirmUsername: string; currentPassword?: string },
  ip: string,
): Promise<{ ok: true } | { ok: false; state: FormState<Field> }> {
  const { user } = session;
  if (usernameKey(confirmUsername) !== usernameKey(user.username)) {
    return { ok: false, state: { fieldErrors: { confirmUsername: `Type your username, ${user.username}, to confirm` } } };
  }
  const check = await confirmRecentOrPassword(session, currentPassword, ip, "delete your account", { alwaysAskPassword: true });
  if (!check.ok) return check;
  await deleteUserAndData(user.id);
  securityEvent("account.deleted", { userId: user.id });
  return { ok: true };
}
