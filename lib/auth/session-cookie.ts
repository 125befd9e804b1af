import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { hasSecureSessionCookie, readSessionToken } from "./config";

const SESSION_COOKIE = /(^|-)authjs\.session-token(\.\d+)?$/;

/**
 * Auth.js gives the session cookie an expiry of the longest session. Without "Remember me"
 * it is re-set here with no expiry, so the browser drops it when it closes; the server
 * still refuses the token after 24 hours (lib/auth/config.ts).
 */
export async function makeSessionCookieBrowserScoped() {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (!SESSION_COOKIE.test(cookie.name) || !cookie.value) continue;
    jar.set(cookie.name, cookie.value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: cookie.name.startsWith("__Secure-"),
    });
  }
}

/** Whether a response sets a (non-empty) session cookie. */
export const setsSessionCookie = (response: Response) =>
  response.headers.getSetCookie().some((c) => SESSION_COOKIE.test(c.split("=")[0]) && !/;\s*Max-Age=0/i.test(c));

/** Strips Expires/Max-Age from a re-issued session cookie when the session is not remembered. */
export async function keepBrowserSessionCookie(request: Request, response: Response): Promise<Response> {
  if (!setsSessionCookie(response)) return response;
  const token = await readSessionToken(request.headers, env.AUTH_SECRET, hasSecureSessionCookie(request.headers));
  return token && !token.remember ? browserScoped(response) : response;
}

/** The response with its session cookie made to end with the browser (no Expires or Max-Age). */
export function browserScoped(response: Response): Response {
  const setCookies = response.headers.getSetCookie();
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of setCookies) {
    const name = cookie.split("=")[0];
    const isLive = SESSION_COOKIE.test(name) && !/;\s*Max-Age=0/i.test(cookie);
    headers.append("set-cookie", isLive ? cookie.replace(/;\s*(Expires|Max-Age)=[^;]*/gi, "") : cookie);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
