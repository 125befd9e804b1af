import { type NextRequest, NextResponse } from "next/server";
import { hasSecureSessionCookie, isTokenCurrent, readSessionToken, SIGN_IN_PATH } from "@/lib/auth/config";
import { edgeEnv } from "@/lib/env-edge";
import { CALLBACK_URL_MAX } from "@/lib/http/limits";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/http/security-headers";

/**
 * Runs before every page: sets the per-request CSP nonce and security headers, and turns
 * anonymous visitors away from /dashboard and /admin before anything renders. The check here is
 * optimistic (a valid, current token); pages confirm the session in the database through
 * lib/auth/session.ts.
 */
export async function middleware(request: NextRequest) {
  const https =
    request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";

  if (isProtected(request.nextUrl.pathname) && !(await hasCurrentToken(request, https))) {
    const signIn = new URL(SIGN_IN_PATH, request.url);
    const back = request.nextUrl.pathname + request.nextUrl.search;
    // A huge path would make a redirect header proxies refuse; it would be dropped later anyway.
    if (back.length <= CALLBACK_URL_MAX) signIn.searchParams.set("callbackUrl", back);
    return withSecurityHeaders(NextResponse.redirect(signIn), https);
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: edgeEnv.development, https });
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (isProtected(request.nextUrl.pathname)) response.headers.set("cache-control", "private, no-store");
  return withSecurityHeaders(response, https);
}

const isProtected = (pathname: string) =>
  pathname === "/dashboard" ||
  pathname.startsWith("/dashboard/") ||
  pathname === "/admin" ||
  pathname.startsWith("/admin/") ||
  pathname === "/welcome";

async function hasCurrentToken(request: NextRequest, https: boolean) {
  const secure = https || hasSecureSessionCookie(request.headers);
  return isTokenCurrent(await readSessionToken(request.headers, edgeEnv.AUTH_SECRET, secure));
}

function withSecurityHeaders(response: NextResponse, https: boolean) {
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"],
};
