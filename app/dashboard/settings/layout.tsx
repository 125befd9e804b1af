import type * as React from "react";
import { DashboardBreadcrumb } from "@/components/dashboard-breadcrumb";
import { Alert } from "@/components/ui/alert";
import { hasPasskeys } from "@/lib/account/passkeys";
import { hasPassword } from "@/lib/account/profile";
import { configuredProviders } from "@/lib/auth/providers";
import { getCurrentSession, signedInRecently } from "@/lib/auth/session";
import { ConfirmWithPasskey } from "@/app/confirm-with-passkey";
import { sectionsFor } from "./sections";
import { SettingsNav } from "./settings-nav";

/**
 * Someone without a password proves it is them for a sensitive change by a recent sign-in, or
 * with one of their passkeys right here.
 */
async function ConfirmItIsYou() {
  const session = await getCurrentSession();
  if (!session || signedInRecently(session)) return null;
  // Most accounts have a password: one query for them, a second only for those without.
  if ((await hasPassword(session.user.id)) || !(await hasPasskeys(session.user.id))) return null;
  return (
    <Alert className="grid gap-3">
      <p>For your security, confirm it is you before you change your email, turn two-factor off or delete your account.</p>
      <ConfirmWithPasskey />
    </Alert>
  );
}

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid gap-6">
      <DashboardBreadcrumb page="Settings" />
      <h1 className="text-3xl font-bold tracking-tight">Settings</h1>
      <div className="grid items-start gap-6 md:grid-cols-[13rem_minmax(0,1fr)]">
        <SettingsNav sections={sectionsFor({ providers: configuredProviders().length })} />
        <div className="grid max-w-2xl gap-6">
          <ConfirmItIsYou />
          {children}
        </div>
      </div>
    </div>
  );
}
