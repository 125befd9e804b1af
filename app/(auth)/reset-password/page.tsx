import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "./reset-password-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { checkResetLink } from "@/lib/account/reset-password";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Reset password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token } = await searchParams;
  const link = await checkResetLink(token);
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>Choose a new password</CardTitle>
        <CardDescription>Afterwards you are signed out everywhere and sign in with the new password.</CardDescription>
      </CardHeader>
      <CardContent>
        {link.ok ? (
          <ResetPasswordForm
            token={token as string}
            passwordMinLength={env.PASSWORD_MIN_LENGTH}
            userInputs={[link.user.username ?? "", link.user.email].filter(Boolean)}
          />
        ) : (
          <div className="grid gap-4">
            <Alert variant="error">
              {link.reason === "expired"
                ? "This link has expired. Request a new one."
                : "This link is invalid or has already been used. Request a new one."}
            </Alert>
            <Link href="/forgot-password" className="text-center text-sm font-medium text-primary underline-offset-4 hover:underline">
              Request a new link
            </Link>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
