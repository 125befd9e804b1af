import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { keepBrowserSessionCookie } from "@/lib/auth/session-cookie";

/**
 * Passwords are checked only by the sign-in action, which throttles guessing and asks for a
 * proof of work; Auth.js's own credentials endpoints would skip both, so they are not served.
 */
export async function POST(request: NextRequest) {
  if (/\/(callback|signin)\/credentials\/?$/.test(request.nextUrl.pathname)) {
    return new Response("Not found", { status: 404 });
  }
  return handlers.POST(request);
}

/** Auth.js re-issues the session cookie on /api/auth/session; keep "Remember me" off as it was. */
export async function GET(request: NextRequest) {
  return keepBrowserSessionCookie(request, await handlers.GET(request));
}
