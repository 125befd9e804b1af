import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { deleteSession, findActiveSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { authConfig } from "./config";
import { authenticate } from "./credentials";

/** The full Auth.js set-up (Node.js runtime): credentials, database and bcrypt. */
export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: env.AUTH_SECRET,
  adapter: PrismaAdapter(prisma),
  providers: [
    Credentials({
      credentials: {
        identifier: { label: "Email or username" },
        password: { label: "Password", type: "password" },
        remember: { label: "Remember me" },
      },
      authorize: (credentials, request) => authenticate(credentials, request.headers),
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      // Every later read checks the session row, so sign-out and revocation take effect at once.
      const active = await findActiveSession(token.sid!, token.sub!);
      return active ? token : null;
    },
  },
  logger: {
    // A refused sign-in is an expected outcome, not a server error worth logging.
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      console.error(`[auth] ${type}: ${error.message}`);
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await deleteSession(sid);
    },
  },
});
