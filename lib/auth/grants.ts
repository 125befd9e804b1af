import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Who a grant signs in: a user whose credentials were just checked, and their new session row. */
type SessionGrant = { id: string; username: string | null; email: string; sessionId: string; remember: boolean };

const LIFETIME_MS = 30_000;

type Held = SessionGrant & { expires: number };
const globalForGrants = globalThis as unknown as { sessionGrants?: Map<string, Held> };
const held = (globalForGrants.sessionGrants ??= new Map());

const hashOf = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * A short-lived, single-use proof that a sign-in (or a sign-up) was checked, handed to
 * Auth.js's credentials provider so that Auth.js issues the cookie without checking the
 * password a second time. It never leaves this process: Auth.js's signIn() runs in the same
 * request, so the proof lives in memory, and only its hash is kept.
 */
export function issueGrant(grant: SessionGrant): string {
  const now = Date.now();
  for (const [key, value] of held) if (value.expires <= now) held.delete(key);
  const secret = randomBytes(32).toString("base64url");
  held.set(hashOf(secret), { ...grant, expires: now + LIFETIME_MS });
  return secret;
}

/** The grant a proof stands for, once: a second use, an expired or a forged proof give null. */
export function redeemGrant(secret: unknown): SessionGrant | null {
  if (typeof secret !== "string" || secret.length === 0) return null;
  const key = hashOf(secret);
  const grant = held.get(key);
  held.delete(key);
  if (!grant || grant.expires <= Date.now()) return null;
  const { expires: _expires, ...user } = grant;
  return user;
}
