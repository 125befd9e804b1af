import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describeActivity } from "@/lib/activity/describe";
import { userDetails } from "@/lib/admin/users";
import { requireAdmin } from "@/lib/auth/session";
import { describeUserAgent } from "@/lib/http/user-agent";
import { formatDate, formatDateTime } from "../../format";
import { AdminActionForm } from "./admin-action-form";

export const metadata: Metadata = { title: "User · Admin" };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs uppercase tracking-wide text-muted-foreground">{term}</dt>
      <dd className="text-sm break-all">{children}</dd>
    </div>
  );
}

export default async function AdminUserPage({ params }: PageProps<"/admin/users/[id]">) {
  const admin = await requireAdmin();
  const details = await userDetails((await params).id);
  if (!details) notFound();
  const { user, sessions, activity } = details;
  const name = user.username ?? user.email;
  const methods = [user.passwordHash ? "password" : null, ...user.accounts.map((a) => a.provider), user._count.passkeys > 0 ? `${user._count.passkeys} passkey(s)` : null].filter(Boolean);

  return (
    <div className="grid gap-6">
      <p className="text-sm">
        <Link href="/admin/users" className="text-primary hover:underline">
          ← All users
        </Link>
      </p>
      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-xl break-all">
            {name}
          </CardTitle>
          <CardDescription>{user.lockedAt ? <span className="font-medium text-destructive">Locked since {formatDateTime(user.lockedAt)}</span> : "Active"}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-2">
            <Fact term="Email">{user.email}</Fact>
            <Fact term="Verified">{user.emailVerified ? `Yes, ${formatDate(user.emailVerified)}` : "No"}</Fact>
            <Fact term="Role">{user.role}</Fact>
            <Fact term="Two-factor">{user.twoFactor?.enabledAt ? `On since ${formatDate(user.twoFactor.enabledAt)}` : "Off"}</Fact>
            <Fact term="Sign-in methods">{methods.join(", ") || "None"}</Fact>
            <Fact term="Created">{formatDateTime(user.createdAt)}</Fact>
            <Fact term="Last seen">{formatDateTime(user.lastSeenAt)}</Fact>
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-xl">
            Actions
          </CardTitle>
          <CardDescription>Each is recorded in the activity log with your name.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <AdminActionForm userId={user.id} action="end-sessions" label="Sign out everywhere" pendingText="Signing out…" />
          {user.id === admin.user.id ? null : user.lockedAt ? (
            <AdminActionForm userId={user.id} action="unlock" label="Unlock account" pendingText="Unlocking…" />
          ) : (
            <AdminActionForm userId={user.id} action="lock" label="Lock account" pendingText="Locking…" />
          )}
          {user.emailVerified ? null : (
            <AdminActionForm userId={user.id} action="resend-verification" label="Resend verification email" pendingText="Sending…" />
          )}
          {user.twoFactor?.enabledAt ? (
            <AdminActionForm userId={user.id} action="reset-two-factor" label="Reset two-factor" pendingText="Resetting…" />
          ) : null}
          {user.id === admin.user.id ? null : (
            <AdminActionForm userId={user.id} action="delete" label="Delete account" pendingText="Deleting…" destructive confirmName={name} />
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-xl">
            Sessions
          </CardTitle>
          <CardDescription>{sessions.length === 0 ? "No live sessions." : `${sessions.length} live.`}</CardDescription>
        </CardHeader>
        {sessions.length > 0 ? (
          <CardContent>
            <ul aria-label="Sessions" className="divide-y rounded-md border text-sm">
              {sessions.map((session) => (
                <li key={session.id} className="grid gap-0.5 p-3">
                  <span className="font-medium">{describeUserAgent(session.userAgent)}</span>
                  <span className="text-muted-foreground">
                    {session.ipAddress ?? "Unknown address"} · signed in with {session.method} {formatDateTime(session.createdAt)} · last seen {formatDateTime(session.lastSeenAt)}
                  </span>
                </li>
              ))}
            </ul>
          </CardContent>
        ) : null}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-xl">
            Recent activity
          </CardTitle>
          <CardDescription>
            The latest 20 events.{" "}
            <Link href={`/admin/activity?user=${user.id}`} className="text-primary hover:underline">
              All of this user's activity
            </Link>
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ActivityList rows={activity} />
        </CardContent>
      </Card>
    </div>
  );
}

function ActivityList({ rows }: { rows: Awaited<ReturnType<typeof userDetails>> extends infer D ? (D extends { activity: infer A } ? A : never) : never }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">Nothing yet.</p>;
  return (
    <ul aria-label="Activity" className="divide-y rounded-md border text-sm">
      {rows.map((row) => (
        <li key={row.id} className="grid gap-0.5 p-3">
          <span className="font-medium">{describeActivity(row)}</span>
          <span className="text-muted-foreground">
            {formatDateTime(row.createdAt)} · {row.device ?? "Unknown device"} · {row.ip ?? "unknown address"}
            {row.actorId && row.actorId !== row.userId ? " · by an admin" : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
