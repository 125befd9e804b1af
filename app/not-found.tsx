import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Page not found" };

/**
 * HTTP 404, for an address that leads nowhere (and notFound()). Being at the root, it is also
 * the only not-found boundary: Next.js gives a route group with no fallback of its own the
 * built-in one, which every page of the group then carried in its payload.
 */
export default function NotFound() {
  return (
    <Card className="mx-auto w-full max-w-md">
      <CardHeader>
        <CardTitle as="h1">Page not found</CardTitle>
        <CardDescription>This page could not be found. Check the address, or start again from the home page.</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href="/" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Go to the home page
        </Link>
      </CardContent>
    </Card>
  );
}
