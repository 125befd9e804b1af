import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { deleteSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { authConfig } from "./config";
import { redeemGrant } from "./grants";
import { liveSession } from "./session";

/**
 * The full Auth.js set-up (Node.js runtime). Auth.js issues every session cookie; passwords
 * are checked before it is called (lib/auth/sign-in.ts), and its credentials provider takes
 * only the single-use grant that check produced.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: env.AUTH_SECRET,
  adapter: PrismaAdapter(prisma),
  providers: [
    Credentials({
      credentials: { grant: {} },
      authorize: (credentials) => redeemGrant(credentials.grant),
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
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
