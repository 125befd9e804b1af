import Link from "next/link";
import { SignOutButton } from "./sign-out-button";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/ui/icon";
import type { SessionUser } from "@/lib/auth/session";
import { APP_NAME } from "@/lib/site";

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="border-b bg-card/80 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-3 px-4">
        <Link
          href={user ? "/dashboard" : "/"}
          className="flex shrink-0 items-center gap-2 whitespace-nowrap rounded-md font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Icon className="icon-[lucide--door-open] size-5 text-primary" />
          {APP_NAME}
        </Link>
        {user ? (
          <nav aria-label="Account" className="flex min-w-0 items-center gap-1 sm:gap-2">
            {user.role === "admin" ? (
              <Button asChild variant="ghost" size="sm">
                <Link href="/admin/users" title="Admin area">
                  <Icon className="icon-[lucide--shield-check]" />
                  <span className="sr-only sm:not-sr-only">Admin</span>
                </Link>
              </Button>
            ) : null}
            <Button asChild variant="ghost" size="sm" className="min-w-0">
              <Link href="/dashboard/profile" title="Your profile">
                <Icon className="icon-[lucide--circle-user-round]" />
                <span className="sr-only sm:not-sr-only sm:max-w-[12rem] sm:truncate">{user.username ?? user.email}</span>
              </Link>
            </Button>
            <SignOutButton />
          </nav>
        ) : null}
      </div>
    </header>
  );
}
