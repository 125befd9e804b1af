"use client";

import { useRequestId } from "@/components/request-id";
import { Button } from "@/components/ui/button";

/**
 * Shown when a page fails on the server. The reference is the request id the server logged the
 * error with (X-Request-Id), so that a person can quote it and someone can find what happened.
 * Plain markup rather than the Card parts: an error boundary is loaded with every page, and
 * those bring tailwind-merge to the browser.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const requestId = useRequestId();
  return (
    <div className="flex justify-center sm:pt-4">
      <div className="w-full max-w-md rounded-lg border bg-card text-card-foreground shadow-sm">
        <div className="flex flex-col gap-1.5 p-6 pb-4">
          <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="text-sm text-muted-foreground">This is our fault, not yours. Please try again in a moment.</p>
        </div>
        <div className="grid gap-4 p-6 pt-0">
          <p className="text-sm text-muted-foreground">
            If it keeps happening, quote this reference:{" "}
            <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground" data-testid="error-reference">
              {requestId ?? error.digest ?? "unknown"}
            </code>
          </p>
          <Button type="button" onClick={reset} className="justify-self-start">
            Try again
          </Button>
        </div>
      </div>
    </div>
  );
}
