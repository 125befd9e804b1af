import { CALLBACK_URL_MAX } from "@/lib/http/limits";

export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

/**
 * Where to send someone who must sign in before `back` (path and query): the sign-in page,
 * asked to return there. A huge path would make a redirect header proxies refuse, and would
 * be dropped by safeCallbackUrl anyway, so it is left out; so is an unknown one (null).
 */
export function signInAndBack(signInPath: string, back: string | null): string {
  if (!back || back.length > CALLBACK_URL_MAX || safeCallbackUrl(back, "") === "") return signInPath;
  return `${signInPath}?${new URLSearchParams({ callbackUrl: back })}`;
}

/**
 * Returns `value` when it is a same-origin relative path ("/x"), else the default.
 * Refuses protocol-relative ("//x"), backslash ("/\x"), absolute and scripted URLs, and any
 * path that a browser would resolve to another origin.
 */
export function safeCallbackUrl(value: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string" || value.length === 0 || value.length > CALLBACK_URL_MAX) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Control characters and backslashes can be normalised into "//" by browsers.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const base = "http://local.invalid";
    const url = new URL(value, base);
    const path = url.pathname + url.search + url.hash;
    // Resolving dot segments ("/.//x") can itself produce a protocol-relative path.
    if (url.origin !== base || path.startsWith("//") || path.startsWith("/\\")) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

/**
 * The path of an absolute URL on `origin` (Auth.js gives callback URLs that way), kept only as
 * a safe same-origin path; "" for anything else.
 */
export function sameOriginPath(value: string, origin: string): string {
  try {
    const url = new URL(value);
    return url.origin === origin ? safeCallbackUrl(url.pathname + url.search, "") : "";
  } catch {
    return "";
  }
}
