import type * as React from "react";
import { VerifyEmailBanner } from "./verify-email-banner";
import { requireSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireSession();
  return (
    <div className="grid gap-8">
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} required={env.REQUIRE_VERIFIED_EMAIL} />}
      {children}
    </div>
  );
}
