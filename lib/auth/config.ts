import type { NextAuthConfig } from "next-auth";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";

/**
 * The edge-safe half of the Auth.js configuration: no providers, no database, no bcrypt.
 * middleware.ts relies on it; lib/auth/index.ts adds the rest.
 */

/** "Remember me" ticked: the session lasts 30 days from sign-in. */
export const REMEMBERED_SESSION_SECONDS = 30 * 24 * 60 * 60;
/** Unticked: a browser-session cookie, and the server refuses the token after 24 hours. */
export const BROWSER_SESSION_SECONDS = 24 * 60 * 60;

export const SIGN_IN_PATH = "/login";

export const authConfig = {
  pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
  session: { strategy: "jwt", maxAge: REMEMBERED_SESSION_SECONDS },
  trustHost: process.env.AUTH_TRUST_HOST === "true" || process.env.AUTH_TRUST_HOST === "1" || undefined,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.username;
        token.email = user.email;
        token.sid = user.sessionId;
        token.remember = user.remember ?? false;
        token.signedInAt = nowSeconds();
      }
      return isTokenCurrent(token) ? token : null;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.username = token.name ?? "";
      session.user.email = token.email ?? "";
      session.sessionId = token.sid ?? "";
      return session;
    },
  },
} satisfies NextAuthConfig;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The lifetime rule, enforced on every request rather than left to cookie expiry:
 * a token is current only within its absolute lifetime from sign-in.
 */
export function isTokenCurrent(token: JWT | null | undefined, now = nowSeconds()): token is JWT {
  if (!token?.sub || !token.sid || typeof token.signedInAt !== "number") return false;
  const lifetime = token.remember ? REMEMBERED_SESSION_SECONDS : BROWSER_SESSION_SECONDS;
  if (now - token.signedInAt >= lifetime || token.signedInAt > now + 60) return false;
  return typeof token.exp !== "number" || token.exp > now;
}

/** Auth.js names the cookie with a __Secure- prefix when served over HTTPS. */
export const sessionCookieName = (secure: boolean) =>
  `${secure ? "__Secure-" : ""}authjs.session-token`;

/** Whether the request carries the HTTPS-only (__Secure-) session cookie. */
export const hasSecureSessionCookie = (headers: Headers) =>
  headers.get("cookie")?.includes(sessionCookieName(true)) ?? false;

/** The request's session token, decoded (through the cache below), or null. */
export function readSessionToken(headers: Headers, secret: string | undefined, secure: boolean) {
  return getToken({
    req: { headers },
    secret,
    secureCookie: secure,
    salt: sessionCookieName(secure),
    decode: cachedDecode,
  });
}

const decoded = new Map<string, Promise<JWT | null>>();
const DECODED_MAX = 5_000;

/**
 * Auth.js's decode (key derivation + JWE decryption, a few ms of CPU), remembered per token
 * string. A token is immutable and only ever decodes one way under one secret, so the cache
 * cannot be poisoned; the lifetime rule and the session row are still checked every request.
 */
export function cachedDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const key = `${params.salt}\u0000${params.token ?? ""}`;
  let result = decoded.get(key);
  if (!result) {
    result = decode(params).catch(() => null);
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, result);
  }
  return result;
}
