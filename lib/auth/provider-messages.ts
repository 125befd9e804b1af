import "server-only";
import { readIntent } from "./provider-intent";
import { ACCOUNT_LOCKED } from "./sign-in";
import { providerName } from "./providers";

/**
 * What the sign-in page says when a provider sign-in comes back to it (`?error=`): ours
 * (lib/auth/provider-sign-in.ts) or any of Auth.js's (consent denied, state or PKCE mismatch,
 * provider unreachable…), never Auth.js's own error page. The provider is named by the query,
 * else by the sign-in's intent cookie.
 */
export async function providerSignInNotice(error: string, provider: string | null): Promise<string> {
  if (error === "locked") return ACCOUNT_LOCKED;
  const name = providerName(provider ?? (await readIntent())?.provider ?? "");
  if (!name) return "Sign-in did not complete. Please try again.";
  if (error === "provider-email-taken") {
    return `An account with this email already exists. Sign in with your password, then connect ${name} in settings.`;
  }
  if (error === "provider-no-email") {
    return `${name} did not share a verified email address, so no account can be made with it. Verify your address with ${name}, or create an account with a password.`;
  }
  return `Sign-in with ${name} did not complete. Please try again.`;
}
