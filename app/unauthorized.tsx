import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SIGN_IN_PATH } from "@/lib/auth/config";

export const metadata: Metadata = { title: "Sign in required" };

/**
 * HTTP 401 (unauthorized()). Protected pages redirect to sign-in instead, so nothing reaches
 * it today; it is here so that Next.js does not put its built-in one into every page's payload.
 */
export default function Unauthorized() {
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle as="h1">Sign in required</CardTitle>
        <CardDescription>Sign in to see this page.</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href={SIGN_IN_PATH} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Sign in
        </Link>
      </CardContent>
    </Card>
  );
}
