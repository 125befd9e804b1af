import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "No access" };

/** HTTP 403, for a signed-in person on a page their role does not open (forbidden()). */
export default function Forbidden() {
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle as="h1">No access</CardTitle>
        <CardDescription>You do not have access to this page.</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href="/dashboard" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Back to your dashboard
        </Link>
      </CardContent>
    </Card>
  );
}
