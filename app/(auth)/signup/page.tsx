import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "./sign-up-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { configuredProviders } from "@/lib/auth/providers";
import { getCurrentSession } from "@/lib/auth/session";
import { ProviderButtons } from "../provider-buttons";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage() {
  if (await getCurrentSession()) redirect("/dashboard");
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>Create account</CardTitle>
        <CardDescription>It takes less than a minute.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <SignUpForm passwordMinLength={env.PASSWORD_MIN_LENGTH} />
        <ProviderButtons providers={configuredProviders()} />
      </CardContent>
    </Card>
  );
}
