import "server-only";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "@/lib/env";
import { normalizeEmail } from "@/lib/validation/auth";

/** An identity provider people can sign in with: Auth.js's id for it, and its name on buttons. */
export type IdentityProvider = { id: ProviderId; name: string };
export type ProviderId = "github" | "google" | "oidc";

/**
 * What the app keeps of a provider's profile: the account's id there, the email address only
 * when the provider says it is verified, and a username to suggest on /welcome.
 */
export type ProviderProfile = {
  id: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  image: string | null;
  suggestedUsername: string | null;
};

type GitHubEmail = { email: string; primary: boolean; verified: boolean };
type GitHubUser = { id: number; login: string; name: string | null; avatar_url: string | null; email?: string | null; email_verified?: boolean };

/**
 * GitHub's profile as the app reads it. The address comes from /user/emails, where GitHub says
 * which are verified (the public one on /user does not say): the primary address if verified,
 * else none.
 */
export function gitHubProfile(user: GitHubUser): ProviderProfile {
  return {
    id: String(user.id),
    email: user.email ? normalizeEmail(user.email) : null,
    emailVerified: user.email_verified === true,
    name: user.name ?? user.login,
    image: user.avatar_url,
    suggestedUsername: user.login,
  };
}

export const primaryVerifiedEmail = (emails: GitHubEmail[]) => emails.find((e) => e.primary && e.verified)?.email ?? null;

type OidcClaims = { sub: string; email?: string; email_verified?: boolean | string; name?: string; picture?: string; preferred_username?: string };

/** An OpenID Connect profile (Google's, or the company server's) as the app reads it. */
export function oidcProfile(claims: OidcClaims): ProviderProfile {
  const verified = claims.email_verified === true || claims.email_verified === "true";
  return {
    id: claims.sub,
    email: claims.email ? normalizeEmail(claims.email) : null,
    emailVerified: verified,
    name: claims.name ?? null,
    image: claims.picture ?? null,
    suggestedUsername: claims.preferred_username ?? null,
  };
}

/** The identity providers switched on by the settings, in button order. */
export function configuredProviders(): IdentityProvider[] {
  const list: IdentityProvider[] = [];
  if (env.AUTH_GITHUB_ID) list.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID) list.push({ id: "google", name: "Google" });
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_NAME) list.push({ id: "oidc", name: env.AUTH_OIDC_NAME });
  return list;
}

export const providerName = (id: string) => configuredProviders().find((p) => p.id === id)?.name ?? null;

/**
 * Auth.js's provider settings for the configured providers. The authorization code flow with
 * PKCE, state and (for OpenID Connect) nonce; the client authenticates with
 * client_secret_basic. Each profile() hands Auth.js what lib/auth/provider-sign-in.ts decides on.
 */
export function authProviders(): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        checks: ["pkce", "state"],
        client: { token_endpoint_auth_method: "client_secret_basic" },
        userinfo: {
          url: "https://api.github.com/user",
          async request({ tokens }: { tokens: { access_token?: string } }) {
            const headers = { Authorization: `Bearer ${tokens.access_token}`, "User-Agent": "front-door" };
            const user = (await (await fetch("https://api.github.com/user", { headers })).json()) as GitHubUser;
            const emails = await fetch("https://api.github.com/user/emails", { headers });
            const email = emails.ok ? primaryVerifiedEmail((await emails.json()) as GitHubEmail[]) : null;
            return { ...user, email, email_verified: email !== null };
          },
        },
        profile: (user) => toAuthUser(gitHubProfile(user as unknown as GitHubUser)),
      }),
    );
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({
        clientId: env.AUTH_GOOGLE_ID,
        clientSecret: env.AUTH_GOOGLE_SECRET,
        checks: ["pkce", "state", "nonce"],
        client: { token_endpoint_auth_method: "client_secret_basic" },
        profile: (claims) => toAuthUser(oidcProfile(claims as OidcClaims)),
      }),
    );
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET && env.AUTH_OIDC_NAME) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      checks: ["pkce", "state", "nonce"],
      client: { token_endpoint_auth_method: "client_secret_basic" },
      authorization: { params: { scope: "openid email profile" } },
      // The profile comes from the userinfo endpoint: servers that follow the standard strictly
      // put the email claims there, not in the ID token (which is still verified, nonce and all).
      idToken: false,
      profile: (claims) => toAuthUser(oidcProfile(claims as OidcClaims)),
    });
  }
  return providers;
}

/**
 * The user object Auth.js carries from profile() to the signIn callback and, for a new person,
 * to the adapter's createUser (lib/auth/adapter.ts reads the same fields back).
 */
function toAuthUser(profile: ProviderProfile) {
  return {
    id: profile.id,
    email: profile.email,
    name: profile.name,
    image: profile.image,
    emailVerifiedByProvider: profile.emailVerified,
  };
}
