/** A 429 answer with Retry-After. */
export function tooManyRequests(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return Response.json(
    { error: "Too many requests. Try again later." },
    { status: 429, headers: { "retry-after": String(seconds), "cache-control": "no-store" } },
  );
}
