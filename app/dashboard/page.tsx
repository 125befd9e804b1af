import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardDescription, CardHeader } from "@/components/ui/card";
import { Icon } from "@/components/ui/icon";
import { mayUseApp, requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { user } = await requireSession();
  // The layout shows the "Verify your email" banner; until then there is nothing else here.
  if (!mayUseApp(user)) return <h1 className="sr-only">Dashboard</h1>;
  return (
    <>
      <div className="grid gap-2">
        {/* The h1 is what Next.js's route announcer reads out on navigation. */}
        <h1 className="text-sm font-medium uppercase tracking-wider text-muted-foreground">Dashboard</h1>
        <p className="text-3xl font-bold tracking-tight break-words">Welcome, {user.username}</p>
        <p className="text-muted-foreground">Your product starts here.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Link
          href="/dashboard/profile"
          className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Card className="h-full transition-colors hover:bg-accent/50">
            <CardHeader>
              <Icon className="icon-[lucide--circle-user-round] size-5 text-primary" />
              <h2 className="font-semibold">Your profile</h2>
              <CardDescription>Your username, email and when you joined.</CardDescription>
            </CardHeader>
          </Card>
        </Link>
        <Link
          href="/dashboard/settings"
          className="rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Card className="h-full transition-colors hover:bg-accent/50">
            <CardHeader>
              <Icon className="icon-[lucide--settings] size-5 text-primary" />
              <h2 className="font-semibold">Settings</h2>
              <CardDescription>Password, email, where you are signed in, and deleting your account.</CardDescription>
            </CardHeader>
          </Card>
        </Link>
        <Card>
          <CardHeader>
            <Icon className="icon-[lucide--shield-check] size-5 text-success" />
            <h2 className="font-semibold">Signed in securely</h2>
            <CardDescription>Signing out ends this session on the server too.</CardDescription>
          </CardHeader>
        </Card>
      </div>
    </>
  );
}
