import "server-only";
import type { JWT } from "next-auth/jwt";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { findActiveSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { hasSecureSessionCookie, isTokenCurrent, readSessionToken, SIGN_IN_PATH } from "./config";

export type CurrentUser = { id: string; username: string; email: string; emailVerified: boolean };
export type CurrentSession = { sessionId: string; user: CurrentUser };

/**
 * Whether a decoded session token stands for a live session: current by the lifetime rule
 * (the cheap part, all that middleware.ts checks) and its session row still there (signing
 * out, revoking and password changes delete rows). The one place that decides it.
 */
export async function liveSession(token: JWT | null | undefined): Promise<CurrentSession | null> {
  if (!isTokenCurrent(token)) return null;
  const row = await findActiveSession(token.sid!, token.sub!);
  return row && { sessionId: row.id, user: row.user };
}

/**
 * The authoritative session check for every protected page and action: the request's
 * session cookie, decoded and checked by liveSession. Cached per request, so a page and its
 * layout share one database read.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const requestHeaders = await headers();
  return liveSession(await readSessionToken(requestHeaders, env.AUTH_SECRET, hasSecureSessionCookie(requestHeaders)));
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
