import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/session";
import { configuredProviders } from "@/lib/auth/providers";
import { sectionsFor } from "./sections";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { user } = await requireSession();
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="text-xl">
          Your account
        </CardTitle>
        <CardDescription>
          Signed in as <span className="font-medium text-foreground">{user.username}</span> ·{" "}
          <span className="break-all">{user.email}</span> {user.emailVerified ? "(verified)" : "(not verified yet)"}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm">
          {sectionsFor({ providers: configuredProviders().length }).map((section) => (
            <div key={section.href} className="grid gap-0.5">
              <dt className="font-medium">{section.title}</dt>
              <dd className="text-muted-foreground">{section.summary}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
