import type { Metadata } from "next";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/(dashboard)/actions";
import { DashboardBreadcrumb } from "@/components/dashboard-breadcrumb";
import { ChangeEmailForm } from "@/components/settings/change-email-form";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessions, requireSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Settings" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (date: Date) => <time dateTime={date.toISOString()}>{dateFormat.format(date)} UTC</time>;

export default async function SettingsPage() {
  const { user, sessionId } = await requireSession();
  const sessions = await getSessions(user.id, sessionId);
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div className="grid gap-6">
      <DashboardBreadcrumb page="Settings" />
      <h1 className="text-3xl font-bold tracking-tight">Settings</h1>

      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle as="h2" className="text-xl">Sessions</CardTitle>
          <CardDescription>Where your account is signed in. Sign out anything you do not recognise.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <ul className="divide-y rounded-md border" aria-label="Active sessions">
            {sessions.map((session) => (
              <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
                <div className="grid gap-1 text-sm">
                  <p className="font-medium">
                    {session.device}
                    {session.current ? (
                      <span className="ml-2 rounded-full bg-success/15 px-2 py-0.5 text-xs font-medium">This device</span>
                    ) : null}
                  </p>
                  <p className="text-muted-foreground">
                    {session.ipAddress ?? "Unknown address"} · Signed in {when(session.createdAt)} · Last seen{" "}
                    {when(session.lastSeenAt)}
                  </p>
                </div>
                {session.current ? null : (
                  <form action={revokeSessionAction}>
                    <input type="hidden" name="sessionId" value={session.id} />
                    <Button
                      type="submit"
                      variant="outline"
                      size="sm"
                      aria-label={`Sign out ${session.device}, ${session.ipAddress ?? "unknown address"}`}
                    >
                      Sign out
                    </Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
          {others > 0 ? (
            <form action={revokeOtherSessionsAction}>
              <Button type="submit" variant="outline">
                Sign out of all other sessions
              </Button>
            </form>
          ) : null}
        </CardContent>
      </Card>

      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle as="h2" className="text-xl">Change password</CardTitle>
          <CardDescription>Your other sessions are signed out when it changes.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm passwordMinLength={env.PASSWORD_MIN_LENGTH} userInputs={[user.username, user.email]} />
        </CardContent>
      </Card>

      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle as="h2" className="text-xl">Change email</CardTitle>
          <CardDescription>
            Currently <span className="font-medium text-foreground break-all">{user.email}</span>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangeEmailForm />
        </CardContent>
      </Card>

      <Card className="max-w-2xl border-destructive/40">
        <CardHeader>
          <CardTitle as="h2" className="text-xl">Delete account</CardTitle>
          <CardDescription>This removes your account and all its data at once. It cannot be undone.</CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteAccountForm username={user.username} />
        </CardContent>
      </Card>
    </div>
  );
}
