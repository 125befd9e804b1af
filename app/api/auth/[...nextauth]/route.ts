import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { sessionCookieName } from "@/lib/auth/config";
import { INTENT_COOKIE, readIntent } from "@/lib/auth/provider-intent";
import { endSession, getCurrentSession } from "@/lib/auth/session";
import { browserScoped, keepBrowserSessionCookie, setsSessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { tooManyRequests } from "@/lib/http/too-many-requests";
import { providerCallbackWait } from "@/lib/security/callback-limit";

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

export async function GET(request: NextRequest) {
  if (/\/callback\/[^/]+\/?$/.test(request.nextUrl.pathname)) return providerCallback(request);
  // Auth.js re-issues the session cookie on /api/auth/session; keep "Remember me" off as it was.
  return keepBrowserSessionCookie(request, await handlers.GET(request));
}

/**
 * An identity provider sends the browser back here. Throttled per network. Auth.js links the
 * provider's account to whoever the session cookie names, so the cookie is handed on only when
 * this person asked to connect a provider from settings (lib/auth/provider-sign-in.ts checks
 * it is their live session); for a sign-in it is left out, and a session the browser had ends
 * once the new one is made.
 */
async function providerCallback(request: NextRequest) {
  const wait = await providerCallbackWait(clientIp(request.headers, env.TRUST_PROXY));
  if (wait > 0) return tooManyRequests(wait);
  const [intent, previous] = await Promise.all([readIntent(), getCurrentSession()]);
  const linking = Boolean(intent?.link);
  const response = await handlers.GET(linking ? request : withoutSessionCookie(request));
  const signedIn = !linking && setsSessionCookie(response);
  if (signedIn && previous) await endSession(previous.sessionId);
  const answer = signedIn && !intent?.remember ? browserScoped(response) : response;
  // Auth.js's redirects can have immutable headers: answer with a copy that clears the intent,
  // and names the provider when it sends the browser to the sign-in page with an error.
  const headers = new Headers(answer.headers);
  headers.append("set-cookie", `${INTENT_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  const location = headers.get("location");
  if (location) headers.set("location", withProvider(location, request));
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
}

/** An error redirect to the sign-in page, with the provider this callback is for. */
function withProvider(location: string, request: NextRequest) {
  const url = new URL(location, request.nextUrl.origin);
  if (url.pathname !== "/login" || !url.searchParams.has("error") || url.searchParams.has("provider")) return location;
  url.searchParams.set("provider", request.nextUrl.pathname.split("/").filter(Boolean).at(-1)!);
  return url.pathname + url.search;
}

function withoutSessionCookie(request: NextRequest) {
  const names = new Set([sessionCookieName(false), sessionCookieName(true)]);
  const cookie = (request.headers.get("cookie") ?? "")
    .split(";")
    .filter((part) => !names.has(part.split("=")[0]!.trim().replace(/\.\d+$/, "")))
    .join(";");
  const headers = new Headers(request.headers);
  headers.set("cookie", cookie);
  return new NextRequest(request.url, { method: request.method, headers });
}
