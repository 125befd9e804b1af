import "server-only";
import pino, { type DestinationStream } from "pino";

/** Fields that must never reach a log line, wherever they sit in an object. */
const SECRETS = ["password", "currentPassword", "confirmPassword", "token", "altcha", "*.password", "*.token"];

// Read here rather than from lib/env, so tests can import this without AUTH_SECRET;
// validated with the other settings at start-up.
export const createLogger = (destination?: DestinationStream, level = process.env.LOG_LEVEL || "info") =>
  pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: SECRETS, censor: "[redacted]" },
    },
    destination,
  );

/** One JSON line per event on standard output. */
export const logger = createLogger();

export type SecurityEvent =
  | "signin.success"
  | "signin.failure"
  | "signin.throttled"
  | "signup.success"
  | "signup.throttled"
  | "challenge.refused"
  | "password.changed"
  | "password.reset"
  | "password.reset_requested"
  | "current_password.refused"
  | "email.verified"
  | "email.change_requested"
  | "email.changed"
  | "session.revoked"
  | "sessions.others_revoked"
  | "account.deleted";

/**
 * Records an authentication or account event for audit and for spotting attacks (ASVS V16):
 * what happened, to which user id, from which address. Never a password, a token or a typed
 * identifier (people type passwords into the username field).
 */
export function securityEvent(event: SecurityEvent, fields: { userId?: string | null; ip?: string; [key: string]: unknown } = {}) {
  logger.info({ event, ...fields }, event);
}
