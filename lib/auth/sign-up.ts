import "server-only";
import { env } from "@/lib/env";
import { createUser, DuplicateUserError, findExistingUnique } from "@/lib/db/users";
import type { SignUpData } from "@/lib/validation/auth";
import { usernameKey } from "@/lib/validation/auth";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-policy";

export const USERNAME_TAKEN = "That username is taken";
export const EMAIL_TAKEN = "An account with this email already exists";

type SignUpResult =
  | { ok: true; user: { id: string; username: string; email: string } }
  | { ok: false; fieldErrors: { username?: string; email?: string; password?: string } };

/**
 * Creates an account from validated input. A look-up first reports both clashes at once;
 * the unique indexes still decide when two sign-ups race for one name. Guessable passwords
 * (common, breached, or built from the username or email) are refused before any hashing.
 */
export async function registerUser(data: SignUpData): Promise<SignUpResult> {
  const weak = await passwordProblem(data.password, data);
  if (weak) return { ok: false, fieldErrors: { password: weak } };
  const key = usernameKey(data.username);
  const taken = await findExistingUnique(key, data.email);
  if (taken.username || taken.email) {
    return {
      ok: false,
      fieldErrors: {
        ...(taken.username && { username: USERNAME_TAKEN }),
        ...(taken.email && { email: EMAIL_TAKEN }),
      },
    };
  }
  const passwordHash = await hashPassword(data.password, env.BCRYPT_COST);
  try {
    const user = await createUser({ username: data.username, usernameKey: key, email: data.email, passwordHash });
    return { ok: true, user: { ...user, username: data.username } };
  } catch (error) {
    if (!(error instanceof DuplicateUserError)) throw error;
    return {
      ok: false,
      fieldErrors: error.field === "username" ? { username: USERNAME_TAKEN } : { email: EMAIL_TAKEN },
    };
  }
}
