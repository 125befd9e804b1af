import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface User {
    username?: string;
    sessionId?: string;
    remember?: boolean;
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
  }
}
