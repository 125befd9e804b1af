import { clientIp } from "./client-ip";

const MAX_USER_AGENT = 512;

/** Client details recorded with a session and shown in the sessions list. */
export function requestMeta(headers: Headers, trustProxy: number) {
  const ip = clientIp(headers, trustProxy);
  return {
    ipAddress: ip === "unknown" ? null : ip,
    userAgent: headers.get("user-agent")?.slice(0, MAX_USER_AGENT) ?? null,
  };
}
