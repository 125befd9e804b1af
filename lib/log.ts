import "server-only";
import { format } from "node:util";
import pino, { type DestinationStream } from "pino";
import { logLevelSetting } from "./env-schema";

/** Fields that must never reach a log line, wherever they sit in an object. */
const SECRETS = ["password", "currentPassword", "confirmPassword", "token", "altcha", "*.password", "*.token"];

export const createLogger = (destination?: DestinationStream, level: string = logLevelSetting()) =>
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

export const SECURITY_EVENTS = [
  "signin.success",
  "signin.failure",
  "signin.throttled",
  "signup.success",
  "signup.throttled",
  "challenge.refused",
  "password.changed",
  "password.reset",
  "password.reset_requested",
  "current_password.refused",
  "email.verified",
  "email.change_requested",
  "email.changed",
  "session.revoked",
  "sessions.others_revoked",
  "account.deleted",
  "signin.refused",
  "account.linked",
  "account.unlinked",
  "username.chosen",
  "password.set",
  "two_factor.enabled",
  "two_factor.disabled",
  "two_factor.refused",
  "two_factor.recovery_code_used",
  "two_factor.recovery_codes_regenerated",
  "passkey.added",
  "passkey.removed",
  "passkey.refused",
  "passkey.confirmed",
  "admin.sessions_ended",
  "admin.locked",
  "admin.unlocked",
  "admin.verification_resent",
  "admin.two_factor_reset",
  "admin.account_deleted",
  "role.promoted",
  "role.demoted",
  "signin.new_device",
  "password.confirmed",
] as const;
export type SecurityEvent = (typeof SECURITY_EVENTS)[number];

/**
 * Records an authentication or account event for audit and for spotting attacks (ASVS V16):
 * what happened, to which user id, from which address. Never a password, a token or a typed
 * identifier (people type passwords into the username field).
 */
export type SecurityFields = { userId?: string | null; actorId?: string | null; ip?: string; [key: string]: unknown };

/**
 * One security event: a JSON line on standard output and, when it is about an account, a row
 * of the activity log (lib/activity/record.ts, loaded on first use; it never fails the caller).
 */
export function securityEvent(event: SecurityEvent, fields: SecurityFields = {}) {
  logger.info({ event, ...fields }, event);
  if (fields.userId || fields.actorId) {
    import("./activity/record")
      .then(({ recordActivity }) => recordActivity(event, fields))
      .catch((error: unknown) => logger.warn({ event: "activity.unrecorded", type: event, error: String(error) }, "activity.unrecorded"));
  }
}

type RequestErrorFields = { requestId?: string; method?: string; path?: string; route?: string; routeType?: string };

/** Errors already logged with their request, so that Next.js's own print of them is not a second line. */
const reported = new WeakSet<object>();

const errorDetails = (error: unknown) =>
  error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack, digest: (error as { digest?: string }).digest }
    : { message: String(error) };

/** An unexpected error while handling a request: one line, with the request's id. */
export function logRequestError(error: unknown, fields: RequestErrorFields) {
  if (error && typeof error === "object") reported.add(error);
  logger.error({ event: "request.error", ...fields, error: errorDetails(error) }, "request.error");
}

/**
 * Next.js and libraries report problems with console.error and console.warn: route those
 * through the logger too, so that every such line is one JSON object (no raw multi-line stack,
 * no control character out of a request). An error a request already reported is skipped.
 */
export function routeConsoleToLog() {
  console.error = (...args: unknown[]) => {
    const error = args.find((arg) => arg instanceof Error);
    if (!error) return void logger.error({ event: "server.console", message: format(...args) }, "server.console");
    // Next.js prints a request's error around the time it reports it: give the report a moment.
    setTimeout(() => {
      if (!reported.has(error)) logger.error({ event: "server.error", message: format(...args), error: errorDetails(error) }, "server.error");
    }, 100).unref();
  };
  console.warn = (...args: unknown[]) => logger.warn({ event: "server.console", message: format(...args) }, "server.console");
}
