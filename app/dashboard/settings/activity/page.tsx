import type { Metadata } from "next";
import Link from "next/link";
import { describeActivity } from "@/lib/activity/describe";
import { recentActivity } from "@/lib/account/profile";
import { requireSession } from "@/lib/auth/session";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";

const section = sectionAt("/dashboard/settings/activity");
export const metadata: Metadata = { title: section.title };

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function RecentActivityPage() {
  const { user } = await requireSession();
  const events = await recentActivity(user.id);
  return (
    <SectionCard title={section.title} description="The last 20 sign-ins and changes to your account, newest first.">
      <div className="grid gap-4">
        {events.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing yet.</p>
        ) : (
          <ul aria-label="Recent activity" className="divide-y rounded-md border">
            {events.map((event) => (
              <li key={event.id} className="grid gap-1 p-4 text-sm">
                <p className="font-medium">{describeActivity(event)}</p>
                <p className="text-muted-foreground">
                  <time dateTime={event.createdAt.toISOString()}>{dateTime.format(event.createdAt)} UTC</time>
                  {event.device ? ` · ${event.device}` : ""}
                  {event.ip ? ` · ${event.ip}` : ""}
                  {event.actorId && event.actorId !== user.id ? " · by an administrator" : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm">
          Not you?{" "}
          <Link href="/dashboard/settings/password" className="font-medium text-primary hover:underline">
            Change your password
          </Link>{" "}
          and{" "}
          <Link href="/dashboard/settings/sessions" className="font-medium text-primary hover:underline">
            sign out your other sessions
          </Link>
          .
        </p>
      </div>
    </SectionCard>
  );
}
