import type { Metadata } from "next";
import { DashboardBreadcrumb } from "@/components/dashboard-breadcrumb";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getProfile } from "@/lib/account/profile";
import { mayUseApp, requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Profile" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export default async function ProfilePage() {
  const { user } = await requireSession();
  if (!mayUseApp(user)) return <h1 className="sr-only">Profile</h1>;
  const profile = await getProfile(user.id);
  if (!profile) redirect("/login");
  const rows = [
    { label: "Username", value: profile.username },
    {
      label: "Email",
      value: (
        <>
          {profile.email}{" "}
          <span className="text-sm text-muted-foreground">{profile.emailVerified ? "(verified)" : "(not verified yet)"}</span>
        </>
      ),
    },
    {
      label: "Account created",
      value: <time dateTime={profile.createdAt.toISOString()}>{dateFormat.format(profile.createdAt)}</time>,
    },
  ];
  return (
    <div className="grid gap-4">
      <DashboardBreadcrumb page="Profile" />
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>Profile</CardTitle>
          <CardDescription>Your account details.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="divide-y">
            {rows.map((row) => (
              <div key={row.label} className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
                <dt className="text-sm font-medium text-muted-foreground">{row.label}</dt>
                <dd className="break-all sm:col-span-2">{row.value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
