import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { deleteSession, findActiveSession, listSessions } from "@/lib/db/sessions";
import { findProfile } from "@/lib/db/users";
import { env } from "@/lib/env";
import { describeUserAgent } from "@/lib/http/user-agent";
import { hasSecureSessionCookie, isTokenCurrent, readSessionToken, SIGN_IN_PATH } from "./config";

export type CurrentUser = { id: string; username: string; email: string; emailVerified: boolean };
export type CurrentSession = { sessionId: string; user: CurrentUser };

/**
 * The one authoritative session check, for every protected page and action: decrypts the
 * session cookie, applies the lifetime rule and confirms the session row still exists.
 * Cached per request, so a page and its layout share one database read.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const requestHeaders = await headers();
  const token = await readSessionToken(requestHeaders, env.AUTH_SECRET, hasSecureSessionCookie(requestHeaders));
  if (!isTokenCurrent(token)) return null;
  const row = await findActiveSession(token.sid!, token.sub!);
  if (!row) return null;
  return { sessionId: row.id, user: row.user };
});

/** For protected pages and actions: the session, or a redirect to sign-in. */
export async function requireSession(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) redirect(SIGN_IN_PATH);
  return session;
}

/**
 * For pages that need a verified email address when REQUIRE_VERIFIED_EMAIL is on: false
 * means "show the verify-your-email notice instead". Settings stay reachable, to fix a typo.
 */
export const mayUseApp = (user: CurrentUser) => user.emailVerified || !env.REQUIRE_VERIFIED_EMAIL;

export type Profile = { username: string; email: string; createdAt: Date; emailVerified: Date | null };

/** The signed-in user's account details for display. */
export async function getProfile(userId: string): Promise<Profile | null> {
  const row = await findProfile(userId);
  return row && { username: row.username, email: row.email, createdAt: row.createdAt, emailVerified: row.emailVerified };
}

export type SessionSummary = {
  id: string;
  device: string;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

/** The user's active sessions, most recently used first, for the sessions list. */
export async function getSessions(userId: string, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await listSessions(userId);
  return rows.map((row) => ({
    id: row.id,
    device: describeUserAgent(row.userAgent),
    ipAddress: row.ipAddress,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    current: row.id === currentSessionId,
  }));
}

/** Ends one session on the server (its cookie stops working at the next request). */
export async function endSession(sessionId: string) {
  await deleteSession(sessionId);
}
