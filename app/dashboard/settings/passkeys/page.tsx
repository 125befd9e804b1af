import type { Metadata } from "next";
import { removePasskeyAction } from "@/app/dashboard/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { connectNeedsPassword } from "@/lib/account/connected-accounts";
import { LAST_PASSKEY, passkeysOf } from "@/lib/account/passkeys";
import { requireSession } from "@/lib/auth/session";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";
import { AddPasskeyForm } from "./add-passkey-form";

const section = sectionAt("/dashboard/settings/passkeys");
export const metadata: Metadata = { title: section.title };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}

export default async function PasskeysPage({ searchParams }: PageProps<"/dashboard/settings/passkeys">) {
  const session = await requireSession();
  const [passkeys, needsPassword, { error }] = await Promise.all([
    passkeysOf(session.user.id),
    connectNeedsPassword(session),
    searchParams,
  ]);
  return (
    <SectionCard
      title={section.title}
      description="Sign in with your fingerprint, face or screen lock instead of a password. A passkey stays on your device or in your password manager and works only on this site."
    >
      <div className="grid gap-8">
        {error === "last-method" ? <Alert variant="error">{LAST_PASSKEY}</Alert> : null}
        {passkeys.length > 0 ? (
          <ul className="divide-y rounded-md border" aria-label="Your passkeys">
            {passkeys.map((passkey) => (
              <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
                <div className="grid gap-1 text-sm">
                  <p className="font-medium">{passkey.name}</p>
                  <p className="text-muted-foreground">
                    Added <When date={passkey.createdAt} />
                    {" · "}
                    {passkey.lastUsedAt ? (
                      <>
                        Last used <When date={passkey.lastUsedAt} />
                      </>
                    ) : (
                      "Not used yet"
                    )}
                  </p>
                </div>
                <form action={removePasskeyAction}>
                  <input type="hidden" name="id" value={passkey.id} />
                  <Button type="submit" variant="outline" size="sm" aria-label={`Remove ${passkey.name}`}>
                    Remove
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">You have no passkeys yet.</p>
        )}
        <div className="grid gap-3">
          <h3 className="font-semibold">Add a passkey</h3>
          <AddPasskeyForm needsPassword={needsPassword} />
        </div>
      </div>
    </SectionCard>
  );
}
