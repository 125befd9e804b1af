import type * as React from "react";
import { hasPasskeys } from "@/lib/account/passkeys";
import { hasPassword } from "@/lib/account/profile";
import { requireAdmin, signedInRecently } from "@/lib/auth/session";
import { AdminNav } from "./admin-nav";
import { ConfirmItIsYou } from "./confirm-it-is-you";

/** The admin area: only admins get past requireAdmin (everyone else signed in: HTTP 403). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await requireAdmin();
  const recent = signedInRecently(session);
  const [passwordOn, passkeysOn] = recent ? [false, false] : await Promise.all([hasPassword(session.user.id), hasPasskeys(session.user.id)]);
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-3xl font-bold tracking-tight">Admin</h1>
        <AdminNav />
      </div>
      {recent ? null : <ConfirmItIsYou password={passwordOn} passkey={passkeysOn} />}
      {children}
    </div>
  );
}
