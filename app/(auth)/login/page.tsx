import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { providerSignInNotice } from "@/lib/auth/provider-messages";
import { configuredProviders } from "@/lib/auth/providers";
import { getCurrentSession } from "@/lib/auth/session";
import { needsSignInChallenge } from "@/lib/auth/sign-in";
import { requestIp } from "@/lib/http/request-ip";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  if (await getCurrentSession()) redirect("/dashboard");
  const { callbackUrl, error, provider } = await searchParams;
  const safe = safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined, "");
  // After repeated failures from this network, sign-ins need a proof of work: start it now.
  const challenge = await needsSignInChallenge(await requestIp());
  const notice = typeof error === "string" ? await providerSignInNotice(error, typeof provider === "string" ? provider : null) : undefined;
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Welcome back. Sign in with your email or username.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm callbackUrl={safe || undefined} challenge={challenge} providers={configuredProviders()} notice={notice} />
      </CardContent>
    </Card>
  );
}
