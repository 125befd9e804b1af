import "server-only";
import { providerName } from "@/lib/auth/providers";
import { deleteOtherSessions, deleteUserSession, listSessions } from "@/lib/db/sessions";
import { describeUserAgent } from "@/lib/http/user-agent";
import { securityEvent } from "@/lib/log";

type SessionSummary = {
  id: string;
  device: string;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
  /** How it signed in: "password", or the identity provider's name. */
  method: string;
};

/** A person's active sessions, most recently used first, for the sessions list. */
export async function getSessions(userId: string, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await listSessions(userId);
  return rows.map((row) => ({
    id: row.id,
    device: describeUserAgent(row.userAgent),
    ipAddress: row.ipAddress,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    current: row.id === currentSessionId,
    method: row.method === "password" || row.method === "passkey" ? row.method : (providerName(row.method) ?? row.method),
  }));
}

/** Ends one of the person's other sessions (its cookie stops working at its next request). */
export async function endOtherSession(userId: string, currentSessionId: string, target: string) {
  if (target === currentSessionId) return false;
  const { count } = await deleteUserSession(userId, target);
  if (count > 0) securityEvent("session.revoked", { userId, sessionId: target });
  return count > 0;
}

/** Ends every session of the person but this one. */
export async function endOtherSessions(userId: string, currentSessionId: string) {
  await deleteOtherSessions(userId, currentSessionId);
  securityEvent("sessions.others_revoked", { userId });
}
