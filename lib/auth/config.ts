import type { NextAuthConfig } from "next-auth";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { edgeEnv } from "@/lib/env-edge";

/**
 * The light half of the Auth.js configuration: no providers, no database, no bcrypt.
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
  trustHost: edgeEnv.AUTH_TRUST_HOST || undefined,
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

/**
 * The request's session token, decoded (through the cache below), or null. Only the cookie
 * counts: Auth.js's getToken would also take a token from an `Authorization: Bearer` header,
 * which nothing of ours sends and which would let a stolen token be used without a browser.
 */
export function readSessionToken(headers: Headers, secret: string | undefined, secure: boolean) {
  return getToken({
    req: { headers: new Headers({ cookie: headers.get("cookie") ?? "" }) },
    secret,
    secureCookie: secure,
    salt: sessionCookieName(secure),
    decode: cachedDecode,
  });
}

/** Bounds of the decoded-token cache: by entries and by bytes, whichever is reached first. */
export const DECODE_CACHE_MAX_ENTRIES = 2_000;
export const DECODE_CACHE_MAX_BYTES = 2 * 1024 * 1024;
/** Tokens longer than this (a session token is about 500 characters) are never cached. */
const DECODE_CACHE_MAX_TOKEN = 4096;

type Decoded = { token: JWT; bytes: number };
const decoded = new Map<string, Decoded>();
let decodedBytes = 0;

/**
 * Auth.js's decode (key derivation + JWE decryption, a few ms of CPU), remembered per token
 * string, least recently used out first. A token is immutable and only ever decodes one way
 * under one secret, so the cache cannot be poisoned; the lifetime rule and the session row are
 * still checked every request.
 *
 * Only decoded values are kept, never promises: a promise made while a request is handled
 * holds that request's async context (the whole request, 60-80 KB) for as long as it is
 * cached. Failures are not cached at all, so junk cookies cannot fill it.
 */
async function cachedDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const token = params.token ?? "";
  const key = `${params.salt}\u0000${token}`;
  const hit = decoded.get(key);
  if (hit) {
    decoded.delete(key);
    decoded.set(key, hit);
    return { ...hit.token };
  }
  let payload: JWT | null;
  try {
    payload = await decode(params);
  } catch {
    return null;
  }
  if (payload && token.length <= DECODE_CACHE_MAX_TOKEN) remember(key, payload);
  return payload && { ...payload };
}

function remember(key: string, token: JWT) {
  const bytes = 2 * (key.length + JSON.stringify(token).length);
  decoded.set(key, { token: { ...token }, bytes });
  decodedBytes += bytes;
  while (decoded.size > DECODE_CACHE_MAX_ENTRIES || decodedBytes > DECODE_CACHE_MAX_BYTES) {
    const [oldest, entry] = decoded.entries().next().value!;
    decoded.delete(oldest);
    decodedBytes -= entry.bytes;
  }
}

/** What the cache holds now (for tests and the benchmark). */
export const decodeCacheSize = () => ({ entries: decoded.size, bytes: decodedBytes });
