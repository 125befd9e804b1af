const MAX_USER_AGENT = 512;

/**
 * Client details recorded with a session. Next.js fills X-Forwarded-For with the socket
 * address unless the request already carries one, so behind no proxy a client can choose it:
 * it is shown to the user, never used for a security decision.
 */
export function requestMeta(headers: Headers) {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ipAddress: forwarded ? forwarded.slice(0, 64) : null,
    userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT) ?? null,
  };
}
