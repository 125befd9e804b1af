import "server-only";
import { deleteUserAndData } from "@/lib/db/users";
import type { FormState } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import { usernameKey } from "@/lib/validation/auth";
import { confirmCurrentPassword } from "./current-password";

type Field = "confirmUsername" | "currentPassword";

/** Deletes a signed-in person's account and everything that is theirs, once they typed their username and password. */
export async function deleteAccount(
  user: { id: string; username: string },
  { confirmUsername, currentPassword }: { confirmUsername: string; currentPassword: string },
  ip: string,
): Promise<{ ok: true } | { ok: false; state: FormState<Field> }> {
  if (usernameKey(confirmUsername) !== usernameKey(user.username)) {
    return { ok: false, state: { fieldErrors: { confirmUsername: `Type your username, ${user.username}, to confirm` } } };
  }
  const check = await confirmCurrentPassword(user.id, currentPassword, ip);
  if (!check.ok) return check;
  await deleteUserAndData(user.id);
  securityEvent("account.deleted", { userId: user.id });
  return { ok: true };
}
