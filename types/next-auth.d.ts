import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface User {
    /** Null until a person who came through an identity provider chooses one on /welcome. */
    username?: string | null;
    sessionId?: string;
    remember?: boolean;
    /** From an identity provider's profile (lib/auth/providers.ts). */
    emailVerifiedByProvider?: boolean;
  }
  interface Session {
    user: { id: string; username: string; email: string } & DefaultSession["user"];
    sessionId: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** Session row id: deleting the row ends the session. */
    sid?: string;
    remember?: boolean;
    /** Seconds since the epoch at sign-in; bounds the session's absolute lifetime. */
    signedInAt?: number;
    /** After a first provider sign-in: the provider's login or preferred_username, for /welcome. */
    suggestedUsername?: string;
  }
}
