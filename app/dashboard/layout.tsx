import type * as React from "react";
import { VerifyEmailBanner } from "./verify-email-banner";
import { requireSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Each page checks the session for itself (and sends people to set up two-factor when it is
  // required); the layout only needs it for the banner.
  const { user } = await requireSession({ allowWithoutTwoFactor: true });
  return (
    <div className="grid gap-8">
      {user.emailVerified ? null : <VerifyEmailBanner email={user.email} required={env.REQUIRE_VERIFIED_EMAIL} />}
      {children}
    </div>
  );
}
