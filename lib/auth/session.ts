import "server-only";
import type { JWT } from "next-auth/jwt";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { deleteSession, findActiveSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-id";
import { signInAndBack } from "./callback-url";
import { hasSecureSessionCookie, isTokenCurrent, readSessionToken, SIGN_IN_PATH } from "./config";

/** The signed-in person. `username` is null until someone who came through an identity provider chooses one. */
export type SessionUser = {
  id: string;
  username: string | null;
  email: string;
  emailVerified: boolean;
  twoFactor: boolean;
  role: "user" | "admin";
};
export type SessionInfo = {
  sessionId: string;
  signedInAt: Date;
  /** When the person last confirmed it is them with a passkey in this session, if they did. */
  confirmedAt: Date | null;
  method: string;
  user: SessionUser;
};
/** A session whose person has a username: what every page but /welcome works with. */
export type CurrentUser = SessionUser & { username: string };
export type CurrentSession = SessionInfo & { user: CurrentUser };

/**
 * Whether a decoded session token stands for a live session: current by the lifetime rule
 * (the cheap part, all that middleware.ts checks) and its session row still there (signing
 * out, revoking and password changes delete rows). The one place that decides it.
 */
export async function liveSession(token: JWT | null | undefined): Promise<SessionInfo | null> {
  if (!isTokenCurrent(token)) return null;
  const row = await findActiveSession(token.sid!, token.sub!);
  return row && { sessionId: row.id, signedInAt: row.createdAt, confirmedAt: row.confirmedAt, method: row.method, user: row.user };
}

/**
 * The authoritative session check for every protected page and action: the request's
 * session cookie, decoded and checked by liveSession. Cached per request, so a page and its
 * layout share one database read.
 */
export const getCurrentSession = cache(async (): Promise<SessionInfo | null> => {
  const requestHeaders = await headers();
  return liveSession(await readSessionToken(requestHeaders, env.AUTH_SECRET, hasSecureSessionCookie(requestHeaders)));
});

/**
 * For protected pages and actions: the session, or a redirect to sign-in. Someone who came
 * through an identity provider and has no username yet is sent to /welcome to choose one:
 * nothing else opens before (only /welcome itself asks with `allowWithoutUsername`).
 */
export async function requireSession(options?: { allowWithoutTwoFactor: true }): Promise<CurrentSession>;
export async function requireSession(options: { allowWithoutUsername: true }): Promise<SessionInfo>;
export async function requireSession(options?: { allowWithoutUsername?: true; allowWithoutTwoFactor?: true }): Promise<SessionInfo> {
  const session = await getCurrentSession();
  // Back to this address after sign-in (middleware.ts does the same for requests without a cookie).
  if (!session) redirect(signInAndBack(SIGN_IN_PATH, (await headers()).get(REQUEST_PATH_HEADER)));
  if (session.user.username === null && !options?.allowWithoutUsername) redirect(WELCOME_PATH);
  // REQUIRE_TWO_FACTOR: set it up before anything else opens (its own page asks with allowWithoutTwoFactor).
  if (env.REQUIRE_TWO_FACTOR && !session.user.twoFactor && !options?.allowWithoutTwoFactor && !options?.allowWithoutUsername) {
    redirect(TWO_FACTOR_SETTINGS_PATH);
  }
  return session;
}

/**
 * For every admin page and action (the data access layer's check; middleware.ts only turns
 * anonymous visitors away): the session of an admin, or HTTP 403 "You do not have access to
 * this page." for anyone else signed in.
 */
export async function requireAdmin(): Promise<CurrentSession> {
  const session = await requireSession();
  if (session.user.role !== "admin") forbidden();
  return session;
}

export const WELCOME_PATH = "/welcome";
export const TWO_FACTOR_SETTINGS_PATH = "/dashboard/settings/two-factor";

/**
 * Sessions signed in (or confirmed with a passkey) less than this ago may make sensitive
 * changes without typing a password again.
 */
export const RECENT_SIGN_IN_MS = 10 * 60_000;
/** Whether the session confirmed it is its person with a passkey in the last ten minutes. */
export const confirmedRecently = (session: SessionInfo, now = Date.now()) =>
  session.confirmedAt !== null && now - session.confirmedAt.getTime() < RECENT_SIGN_IN_MS;
export const signedInRecently = (session: SessionInfo, now = Date.now()) =>
  now - session.signedInAt.getTime() < RECENT_SIGN_IN_MS || confirmedRecently(session, now);

/**
 * For pages that need a verified email address when REQUIRE_VERIFIED_EMAIL is on: false
 * means "show the verify-your-email notice instead". Settings stay reachable, to fix a typo.
 */
export const mayUseApp = (user: SessionUser) => user.emailVerified || !env.REQUIRE_VERIFIED_EMAIL;

/** Ends a session on the server: its cookie stops working at its next request. */
export async function endSession(sessionId: string) {
  await deleteSession(sessionId);
}

/** The username an identity provider suggested at this person's first sign-in, if any. */
export async function suggestedUsername(): Promise<string | undefined> {
  const requestHeaders = await headers();
  return (await readSessionToken(requestHeaders, env.AUTH_SECRET, hasSecureSessionCookie(requestHeaders)))?.suggestedUsername;
}
