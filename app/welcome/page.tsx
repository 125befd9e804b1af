import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { usableSuggestion } from "@/lib/account/choose-username";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { appOrigin } from "@/lib/auth/links";
import { requireSession, suggestedUsername } from "@/lib/auth/session";
import { WelcomeForm } from "./welcome-form";

export const metadata: Metadata = { title: "Welcome" };

/** Where someone who came through an identity provider chooses their username; nothing else opens before. */
export default async function WelcomePage({ searchParams }: PageProps<"/welcome">) {
  const { user } = await requireSession({ allowWithoutUsername: true });
  if (user.username) redirect("/dashboard");
  const suggestion = await usableSuggestion(await suggestedUsername());
  // Auth.js names where the person was going, as an absolute URL: kept only as a same-origin path.
  const { callbackUrl } = await searchParams;
  const next = typeof callbackUrl === "string" ? sameOriginPath(callbackUrl, appOrigin()) : "";
  return (
    <div className="flex justify-center sm:pt-4">
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle>Welcome</CardTitle>
          <CardDescription>
            Your account for <span className="font-medium text-foreground break-all">{user.email}</span> is ready. Choose the
            username people will know you by.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <WelcomeForm suggestion={suggestion} callbackUrl={next || undefined} />
        </CardContent>
      </Card>
    </div>
  );
}
