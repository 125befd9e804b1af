import { type NextRequest, NextResponse } from "next/server";
import { signInAndBack } from "@/lib/auth/callback-url";
import { hasSecureSessionCookie, isTokenCurrent, readSessionToken, SIGN_IN_PATH } from "@/lib/auth/config";
import { edgeEnv } from "@/lib/env-edge";

/**
 * Turns anonymous visitors away from the protected pages before anything renders, to sign-in
 * and back. The matcher below runs it only for requests that carry no session cookie at all:
 * a request with one goes straight to the page, whose requireSession (lib/auth/session.ts)
 * checks the session in the database anyway and sends a stale or forged cookie to sign-in the
 * same way. Running Next.js's middleware costs about a seventh of a signed-in page's CPU, so
 * it runs where it decides something. The CSP nonce and HSTS of every response come from
 * scripts/server.mjs; Next.js marks the pages themselves private, no-store.
 */
export async function middleware(request: NextRequest) {
  if (!(await hasCurrentToken(request))) {
    const back = request.nextUrl.pathname + request.nextUrl.search;
    return NextResponse.redirect(new URL(signInAndBack(SIGN_IN_PATH, back), request.url));
  }
  const response = NextResponse.next();
  response.headers.set("cache-control", "private, no-store");
  return response;
}

async function hasCurrentToken(request: NextRequest) {
  const secure =
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https" ||
    hasSecureSessionCookie(request.headers);
  return isTokenCurrent(await readSessionToken(request.headers, edgeEnv.AUTH_SECRET, secure));
}

export const config = {
  // Static objects only (Next.js reads them at build time): the same `missing` on each. The
  // cookie names are sessionCookieName's in lib/auth/config.ts.
  matcher: [
    {
      source: "/dashboard/:path*",
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
      ],
    },
    {
      source: "/admin/:path*",
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
      ],
    },
    {
      source: "/welcome",
      missing: [
        { type: "cookie", key: "authjs.session-token" },
        { type: "cookie", key: "__Secure-authjs.session-token" },
      ],
    },
  ],
  // Node.js, not the edge sandbox: measured, a tenth less CPU on every protected page.
  runtime: "nodejs",
};
