import type { ActivityRow } from "@/lib/db/activity";

const LABELS: Record<string, string> = {
  "signin.success": "Signed in",
  "signin.failure": "Failed sign-in",
  "signin.throttled": "Sign-in slowed down after failures",
  "signin.refused": "Sign-in refused",
  "signin.new_device": "Signed in from a new device",
  "signup.success": "Account created",
  "password.changed": "Password changed",
  "password.reset": "Password reset",
  "password.reset_requested": "Password reset requested",
  "password.set": "Password set",
  "password.confirmed": "Confirmed with password",
  "current_password.refused": "Wrong current password",
  "email.verified": "Email verified",
  "email.change_requested": "Email change requested",
  "email.changed": "Email changed",
  "session.revoked": "A session was signed out",
  "sessions.others_revoked": "Other sessions were signed out",
  "account.deleted": "Account deleted",
  "account.linked": "Identity provider connected",
  "account.unlinked": "Identity provider disconnected",
  "username.chosen": "Username chosen",
  "two_factor.enabled": "Two-factor authentication turned on",
  "two_factor.disabled": "Two-factor authentication turned off",
  "two_factor.refused": "Wrong two-factor code",
  "two_factor.recovery_code_used": "Recovery code used",
  "two_factor.recovery_codes_regenerated": "Recovery codes regenerated",
  "passkey.added": "Passkey added",
  "passkey.removed": "Passkey removed",
  "passkey.refused": "Passkey refused",
  "passkey.confirmed": "Confirmed with a passkey",
  "admin.sessions_ended": "Signed out everywhere by an admin",
  "admin.locked": "Account locked by an admin",
  "admin.unlocked": "Account unlocked by an admin",
  "admin.verification_resent": "Verification email resent by an admin",
  "admin.two_factor_reset": "Two-factor authentication reset by an admin",
  "admin.account_deleted": "Account deleted by an admin",
  "role.promoted": "Made an admin",
  "role.promoted_cli": "Made an admin",
  "role.demoted": "No longer an admin",
};

const METHODS: Record<string, string> = { password: "a password", passkey: "a passkey", github: "GitHub", google: "Google", oidc: "single sign-on" };

/** A person-readable line for an activity event ("Signed in with a passkey"). */
export function describeActivity(row: Pick<ActivityRow, "type" | "details">): string {
  const label = LABELS[row.type] ?? row.type;
  const details = parseDetails(row.details);
  const method = typeof details.method === "string" ? METHODS[details.method] : undefined;
  if (row.type === "signin.success" && method) return `${label} with ${method}`;
  if (row.type === "signin.refused" && details.reason === "locked") return "Sign-in refused: the account is locked";
  return label;
}

export function parseDetails(details: string | null): Record<string, unknown> {
  if (!details) return {};
  try {
    const value: unknown = JSON.parse(details);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Events the person sees under "Recent activity": what they did or what happened to their account. */
export const PERSONAL_EVENTS = Object.keys(LABELS).filter((type) => !type.startsWith("role.") && type !== "password.confirmed");
