import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { deleteSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { appAdapter } from "./adapter";
import { authConfig } from "./config";
import { redeemGrant } from "./grants";
import { admitProviderSignIn, providerSessionToken } from "./provider-sign-in";
import { authProviders } from "./providers";
import { liveSession } from "./session";

/**
 * The full Auth.js set-up (Node.js runtime). Auth.js issues every session cookie. Passwords
 * are checked before it is called (lib/auth/sign-in.ts), and its credentials provider takes
 * only the single-use grant that check produced. Identity providers (lib/auth/providers.ts)
 * go through Auth.js's OAuth/OpenID Connect flow, with the adapter linking their accounts and
 * lib/auth/provider-sign-in.ts deciding who comes in.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  pages: { ...authConfig.pages, newUser: "/welcome" },
  secret: env.AUTH_SECRET,
  adapter: appAdapter(),
  providers: [
    Credentials({
      credentials: { grant: {} },
      authorize: (credentials) => redeemGrant(credentials.grant),
    }),
    ...authProviders(),
  ],
  callbacks: {
    ...authConfig.callbacks,
    signIn: ({ user, account }) => !account || account.provider === "credentials" || admitProviderSignIn(user, account),
    async jwt(params) {
      const { user, account, profile, trigger } = params;
      if (user && account && account.provider !== "credentials") return providerSessionToken(user, account, profile, trigger === "signUp");
      const token = await authConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      // Every later read checks the session row, so sign-out and revocation take effect at once.
      return (await liveSession(token)) ? token : null;
    },
  },
  // Through the app's logger: one JSON line each, so nothing a client puts in a message (Auth.js
  // quotes request values, such as /api/auth/error?error=…) can start a line of its own.
  logger: {
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      // A refused grant is an expected outcome, not a server error worth logging.
      if (type === "CredentialsSignin") return;
      logger.error({ event: "auth.error", type, message: error.message }, "auth.error");
    },
    warn(code) {
      logger.warn({ event: "auth.warning", code }, "auth.warning");
    },
    debug(message, metadata) {
      logger.debug({ event: "auth.debug", message, metadata }, "auth.debug");
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await deleteSession(sid);
    },
  },
});
