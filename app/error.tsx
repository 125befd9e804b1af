"use client";

import { useRequestId } from "@/components/request-id";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * Shown when a page fails on the server. The reference is the request id the server logged the
 * error with (X-Request-Id), so that a person can quote it and someone can find what happened.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const requestId = useRequestId();
  return (
    <div className="flex justify-center sm:pt-4">
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle>Something went wrong</CardTitle>
          <CardDescription>This is our fault, not yours. Please try again in a moment.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <p className="text-sm text-muted-foreground">
            If it keeps happening, quote this reference:{" "}
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground" data-testid="error-reference">
              {requestId ?? error.digest ?? "unknown"}
            </code>
          </p>
          <Button type="button" onClick={reset} className="justify-self-start">
            Try again
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}
