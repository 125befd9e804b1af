import "server-only";
import type { Account, Profile, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { headers } from "next/headers";
import { findProviderAccount } from "@/lib/db/accounts";
import { noticeDevice } from "@/lib/account/new-device";
import { createSession } from "@/lib/db/sessions";
import { findUserByEmail, isLocked } from "@/lib/db/users";
import { env } from "@/lib/env";
import { requestMeta } from "@/lib/http/request-meta";
import { securityEvent } from "@/lib/log";
import { BROWSER_SESSION_SECONDS, hasSecureSessionCookie, nowSeconds, readSessionToken, REMEMBERED_SESSION_SECONDS } from "./config";
import { readIntent } from "./provider-intent";
import { getCurrentSession } from "./session";

export const CONNECTED_ACCOUNTS_PATH = "/dashboard/settings/connected-accounts";

/** Why a provider sign-in is refused, as the sign-in page's ?error= says it. */
export type ProviderRefusal = "provider-email-taken" | "provider-no-email" | "provider-incomplete";

const refusedAt = (path: string, error: string, provider: string) => `${path}?error=${error}&provider=${encodeURIComponent(provider)}`;

/**
 * Auth.js's signIn callback for identity providers: who may come in, and how. Nothing is linked
 * by email. A provider account already linked signs its person in. A new one makes a new account
 * only with a verified email that no account has. Linking happens only when a signed-in person
 * asked for it from settings, in this very session (the intent cookie says so).
 * Returns true to go on, or where to send the browser instead.
 */
export async function admitProviderSignIn(user: User, account: Account): Promise<true | string> {
  const { provider, providerAccountId } = account;
  const [intent, linked, ip] = await Promise.all([readIntent(), findProviderAccount(provider, providerAccountId), clientAddress()]);
  const refuse = (reason: string, path: string, error: string) => {
    securityEvent("signin.refused", { userId: linked?.userId ?? null, ip, method: provider, reason });
    return refusedAt(path, error, provider);
  };
  if (!intent || intent.provider !== provider) return refuse("no-intent", "/login", "provider-incomplete");

  if (intent.link) {
    const current = await getCurrentSession();
    if (!current || current.user.id !== intent.link.userId || current.sessionId !== intent.link.sessionId) {
      return refuse("link-without-session", CONNECTED_ACCOUNTS_PATH, "incomplete");
    }
    if (linked && linked.userId !== current.user.id) return refuse("linked-elsewhere", CONNECTED_ACCOUNTS_PATH, "taken");
    if (linked) return `${CONNECTED_ACCOUNTS_PATH}?connected=${provider}`;
    return true;
  }
  if (linked) return (await isLocked(linked.userId)) ? refuse("locked", "/login", "locked") : true;
  if (!user.email || !user.emailVerifiedByProvider) return refuse("no-verified-email", "/login", "provider-no-email");
  if (await findUserByEmail(user.email)) return refuse("email-taken", "/login", "provider-email-taken");
  return true;
}

/**
 * Auth.js's jwt callback when a provider sign-in succeeded: a new Session row (with the
 * lifetime "Remember me" asked for, and how it signed in) and the token pointing at it, as for
 * a password. When it was a person connecting a provider from settings, their session goes on
 * unchanged instead.
 */
export async function providerSessionToken(
  user: User,
  account: Account,
  profile: Profile | undefined,
  isNewUser: boolean,
): Promise<JWT | null> {
  const [intent, requestHeaders] = await Promise.all([readIntent(), headers()]);
  const ip = await clientAddress();
  if (intent?.link) {
    securityEvent("account.linked", { userId: user.id, ip, method: account.provider });
    return readSessionToken(requestHeaders, env.AUTH_SECRET, hasSecureSessionCookie(requestHeaders));
  }
  const remember = intent?.remember ?? false;
  const lifetime = remember ? REMEMBERED_SESSION_SECONDS : BROWSER_SESSION_SECONDS;
  const session = await createSession({
    userId: user.id!,
    remember,
    method: account.provider,
    expires: new Date(Date.now() + lifetime * 1000),
    ...requestMeta(requestHeaders, env.TRUST_PROXY),
  });
  securityEvent(isNewUser ? "signup.success" : "signin.success", { userId: user.id, ip, method: account.provider });
  await noticeDevice({ id: user.id!, username: user.username ?? null, email: user.email! }, { newAccount: isNewUser });
  return {
    sub: user.id,
    name: user.username ?? "",
    email: user.email,
    sid: session.id,
    remember,
    signedInAt: nowSeconds(),
    // What /welcome offers as the username (checked there, never trusted as is).
    ...(isNewUser && { suggestedUsername: suggestionFrom(profile) }),
  };
}

async function clientAddress() {
  return requestMeta(await headers(), env.TRUST_PROXY).ipAddress ?? "unknown";
}

/** The provider's login (GitHub) or preferred_username (OpenID Connect), as sent. */
function suggestionFrom(profile: Profile | undefined): string | undefined {
  const value = profile?.login ?? profile?.preferred_username;
  return typeof value === "string" ? value.slice(0, 64) : undefined;
}
