"use client";

import "./globals.css";

/**
 * Shown when even the page's frame fails. There is no request id here (it lives in the frame),
 * so the reference is the error's digest, which the server logged with the request id.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-2xl font-semibold">Something went wrong</h1>
        <p className="text-muted-foreground">This is our fault, not yours. Please try again in a moment.</p>
        <p className="text-sm text-muted-foreground">
          If it keeps happening, quote this reference: <code className="font-mono text-foreground">{error.digest ?? "unknown"}</code>
        </p>
      </body>
    </html>
  );
}
