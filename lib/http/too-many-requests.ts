import { RateLimiterRes } from "rate-limiter-flexible";

/** A 429 answer with Retry-After, for a limiter's rejection; anything else is rethrown. */
export function tooManyRequests(rejection: unknown): Response {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
  const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return Response.json(
    { error: "Too many requests. Try again later." },
    { status: 429, headers: { "retry-after": String(seconds), "cache-control": "no-store" } },
  );
}
