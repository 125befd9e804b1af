import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getCurrentSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { signInThrottle } from "@/lib/security/sign-in-throttle";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  if (await getCurrentSession()) redirect("/dashboard");
  const { callbackUrl } = await searchParams;
  const safe = safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined, "");
  // After repeated failures from this network, sign-ins need a proof of work: start it now.
  const challenge = await signInThrottle().needsChallenge(clientIp(await headers(), env.TRUST_PROXY));
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Welcome back. Sign in with your email or username.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm callbackUrl={safe || undefined} challenge={challenge} />
      </CardContent>
    </Card>
  );
}
