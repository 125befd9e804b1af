import "server-only";
import { USERNAME_TAKEN } from "@/lib/auth/sign-up";
import { setUsername, usernameIsFree } from "@/lib/db/users";
import { securityEvent } from "@/lib/log";
import { usernameKey, welcomeSchema } from "@/lib/validation/auth";
import * as z from "zod/mini";

/**
 * Sets the username of someone who came through an identity provider. Once: a username is
 * never changed this way. Returns the message for the field when it cannot be used.
 */
export async function chooseUsername(userId: string, username: string): Promise<{ ok: true } | { ok: false; username: string }> {
  const outcome = await setUsername(userId, username, usernameKey(username));
  if (outcome === "taken") return { ok: false, username: USERNAME_TAKEN };
  if (outcome === "set") securityEvent("username.chosen", { userId });
  return { ok: true };
}

/** The provider's suggestion, when it is a valid username nobody has; else nothing. */
export async function usableSuggestion(suggestion: string | undefined): Promise<string> {
  const parsed = z.safeParse(welcomeSchema, { username: suggestion ?? "" });
  if (!parsed.success) return "";
  return (await usernameIsFree(usernameKey(parsed.data.username))) ? parsed.data.username : "";
}
