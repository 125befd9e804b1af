import type { Metadata } from "next";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/dashboard/actions";
import { Button } from "@/components/ui/button";
import { getSessions } from "@/lib/account/sessions";
import { requireSession } from "@/lib/auth/session";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";

const section = sectionAt("/dashboard/settings/sessions");
export const metadata: Metadata = { title: section.title };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (date: Date) => <time dateTime={date.toISOString()}>{dateFormat.format(date)} UTC</time>;

export default async function SessionsPage() {
  const { user, sessionId } = await requireSession();
  const sessions = await getSessions(user.id, sessionId);
  const others = sessions.filter((s) => !s.current).length;

  return (
    <SectionCard title={section.title} description="Where your account is signed in. Sign out anything you do not recognise.">
      <div className="grid gap-4">
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
                  {session.ipAddress ?? "Unknown address"} · Signed in {session.method === "password" ? "with a password" : session.method === "passkey" ? "with a passkey" : `with ${session.method}`}{" "}
                  {when(session.createdAt)} · Last seen {when(session.lastSeenAt)}
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
      </div>
    </SectionCard>
  );
}
