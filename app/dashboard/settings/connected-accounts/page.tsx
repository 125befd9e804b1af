import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { disconnectProviderAction } from "@/app/dashboard/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { connectedAccounts, connectNeedsPassword, LAST_METHOD } from "@/lib/account/connected-accounts";
import { providerName } from "@/lib/auth/providers";
import { requireSession } from "@/lib/auth/session";
import { SectionCard } from "../section-card";
import { sectionAt } from "../sections";
import { ConnectForm } from "./connect-form";

const section = sectionAt("/dashboard/settings/connected-accounts");
export const metadata: Metadata = { title: section.title };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** The answer a connect or disconnect came back with (?connected=, ?disconnected=, ?error=). */
function outcome(params: Record<string, string | string[] | undefined>) {
  const one = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : null);
  const name = providerName(one("connected") ?? one("disconnected") ?? one("provider") ?? "");
  if (!name) return null;
  if (one("connected")) return { kind: "success" as const, text: `${name} is connected. You can sign in with it.` };
  if (one("disconnected")) return { kind: "success" as const, text: `${name} is disconnected.` };
  const error = one("error");
  if (error === "last-method") return { kind: "error" as const, text: LAST_METHOD };
  if (error === "taken") return { kind: "error" as const, text: `That ${name} account is connected to another account.` };
  if (error) return { kind: "error" as const, text: `Connecting ${name} did not complete. Please try again.` };
  return null;
}

export default async function ConnectedAccountsPage({ searchParams }: PageProps<"/dashboard/settings/connected-accounts">) {
  const session = await requireSession();
  const accounts = await connectedAccounts(session.user.id);
  if (accounts.length === 0) notFound();
  const [needsPassword, answer] = [await connectNeedsPassword(session), outcome(await searchParams)];
  return (
    <SectionCard title={section.title} description="Sign in with another account as well as your password. Disconnect any you no longer use.">
      <div className="grid gap-4">
        {answer ? <Alert variant={answer.kind}>{answer.text}</Alert> : null}
        <ul className="divide-y rounded-md border" aria-label="Identity providers">
          {accounts.map((account) => (
            <li key={account.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div className="grid gap-1 text-sm">
                <p className="font-medium">{account.name}</p>
                <p className="text-muted-foreground">
                  {account.connectedAt ? (
                    <>
                      Connected on <time dateTime={account.connectedAt.toISOString()}>{dateFormat.format(account.connectedAt)}</time>
                    </>
                  ) : (
                    "Not connected"
                  )}
                </p>
              </div>
              {account.connectedAt ? (
                <form action={disconnectProviderAction}>
                  <input type="hidden" name="provider" value={account.id} />
                  <Button type="submit" variant="outline" size="sm">
                    Disconnect {account.name}
                  </Button>
                </form>
              ) : (
                <ConnectForm provider={account} needsPassword={needsPassword} />
              )}
            </li>
          ))}
        </ul>
      </div>
    </SectionCard>
  );
}
