import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Divider } from "@/components/ui/divider";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { currentPendingSignIn } from "@/lib/auth/pending-sign-in";
import { getCurrentSession } from "@/lib/auth/session";
import { hasPasskeys } from "@/lib/account/passkeys";
import { PasskeySecondStep } from "./passkey-second-step";
import { TwoFactorForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** The second step of a sign-in with two-factor on: only for the browser whose password was right. */
export default async function TwoFactorPage() {
  if (await getCurrentSession()) redirect("/dashboard");
  const pending = await currentPendingSignIn();
  if (!pending) redirect("/login");
  const withPasskey = await hasPasskeys(pending.userId);
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>Two-factor authentication</CardTitle>
        <CardDescription>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</CardDescription>
      </CardHeader>
      <CardContent>
        <div className="grid gap-5">
          {withPasskey ? (
            <>
              <PasskeySecondStep />
              <Divider>or enter a code</Divider>
            </>
          ) : null}
          <TwoFactorForm autoFocus={!withPasskey} />
        </div>
      </CardContent>
    </Card>
  );
}
