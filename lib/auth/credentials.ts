import "server-only";
import { env } from "@/lib/env";
import { createSession } from "@/lib/db/sessions";
import { findUserForSignIn, updatePasswordHash } from "@/lib/db/users";
import { requestMeta } from "@/lib/http/request-meta";
import { signInSchema } from "@/lib/validation/auth";
import { BROWSER_SESSION_SECONDS, REMEMBERED_SESSION_SECONDS } from "./config";
import { lookupFor } from "./identifier";
import { hashPassword, verifyPassword } from "./password";

export type AuthenticatedUser = {
  id: string;
  username: string;
  email: string;
  sessionId: string;
  remember: boolean;
};

/**
 * Checks an email-or-username and password and opens a session row. Every failure returns
 * null, after the same bcrypt work whether or not the account exists.
 */
export async function authenticate(
  credentials: Partial<Record<string, unknown>>,
  headers: Headers,
): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { identifier, password, remember } = parsed.data;

  const user = await findUserForSignIn(lookupFor(identifier));
  const { ok, needsRehash } = await verifyPassword(password, user?.passwordHash, env.BCRYPT_COST);
  if (!user || !ok) return null;

  if (needsRehash) {
    await updatePasswordHash(user.id, await hashPassword(password, env.BCRYPT_COST));
  }
  const lifetime = remember ? REMEMBERED_SESSION_SECONDS : BROWSER_SESSION_SECONDS;
  const session = await createSession({
    userId: user.id,
    remember,
    expires: new Date(Date.now() + lifetime * 1000),
    ...requestMeta(headers, env.TRUST_PROXY),
  });
  return { id: user.id, username: user.username, email: user.email, sessionId: session.id, remember };
}
