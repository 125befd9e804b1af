import "server-only";
import { sendVerificationEmail } from "@/lib/account/verify-email";
import { type CurrentSession, signedInRecently } from "@/lib/auth/session";
import { endAllSessions, findUserForAdmin, findUserIdByAny, listUsers, namesOf, setLocked, type UserSort } from "@/lib/db/admin";
import { latestActivityOf, listActivity } from "@/lib/db/activity";
import { listSessions } from "@/lib/db/sessions";
import { disableTwoFactor } from "@/lib/db/two-factor";
import { deleteUserAndData } from "@/lib/db/users";
import type { FlashCode } from "@/lib/flash";
import type { FormState } from "@/lib/forms/form-state";
import { SECURITY_EVENTS, securityEvent } from "@/lib/log";
import { asText } from "@/lib/validation/text";

export const USERS_PER_PAGE = 25;

/** What the admin list of users is asked for, read leniently from the query string. */
export type UserListParams = { search: string; sort: UserSort; direction: "asc" | "desc"; page: number };

export function userListParams(query: Record<string, string | string[] | undefined>): UserListParams {
  const one = (key: string) => (typeof query[key] === "string" ? asText(query[key] as string) : "");
  const page = Number.parseInt(one("page"), 10);
  return {
    search: one("search").slice(0, 100),
    sort: one("sort") === "seen" ? "seen" : "created",
    direction: one("direction") === "asc" ? "asc" : "desc",
    page: Number.isSafeInteger(page) && page > 0 && page <= 1_000_000 ? page : 1,
  };
}

export async function usersPage({ search, sort, direction, page }: UserListParams) {
  const { rows, total } = await listUsers({ search, sort, direction, skip: (page - 1) * USERS_PER_PAGE, take: USERS_PER_PAGE });
  return { rows, total, pages: Math.max(1, Math.ceil(total / USERS_PER_PAGE)) };
}

/** One user's details, live sessions and latest activity, for /admin/users/<id>. */
export async function userDetails(userId: string) {
  const user = await findUserForAdmin(userId);
  if (!user) return null;
  const [sessions, activity] = await Promise.all([listSessions(userId), latestActivityOf(userId, 20)]);
  return { user, sessions, activity };
}

export type AdminAction = "end-sessions" | "lock" | "unlock" | "resend-verification" | "reset-two-factor" | "delete";
type AdminOutcome = { ok: true; done: FlashCode } | { ok: false; state: FormState<"confirmUsername"> };

export const CONFIRM_FIRST = "For your security, confirm it is you first: admin actions need a sign-in or confirmation from the last 10 minutes.";

/**
 * Carries out an admin action on a user, once the admin has shown it is them in the last ten
 * minutes (a sign-in, or a confirmation with their password or a passkey), and records who
 * did it in the activity log. On success, the flash message that says what was done.
 */
export async function runAdminAction(
  admin: CurrentSession,
  action: AdminAction,
  targetId: string,
  { confirmUsername }: { confirmUsername?: string },
  ip: string,
): Promise<AdminOutcome> {
  if (!signedInRecently(admin)) return { ok: false, state: { formError: CONFIRM_FIRST } };
  const target = await findUserForAdmin(targetId);
  if (!target) return { ok: false, state: { formError: "This user no longer exists." } };
  const name = target.username ?? target.email;
  if (action === "delete" && confirmUsername?.trim().toLowerCase() !== name.toLowerCase()) {
    return { ok: false, state: { fieldErrors: { confirmUsername: `Type ${name} to confirm` } } };
  }
  const self = target.id === admin.user.id;
  const event = { userId: target.id, actorId: admin.user.id, ip };

  switch (action) {
    case "end-sessions":
      securityEvent("admin.sessions_ended", { ...event, count: await endAllSessions(target.id) });
      return { ok: true, done: "admin-sessions-ended" };
    case "lock":
      if (self) return { ok: false, state: { formError: "You cannot lock your own account." } };
      if (await setLocked(target.id, true)) securityEvent("admin.locked", event);
      return { ok: true, done: "admin-locked" };
    case "unlock":
      if (await setLocked(target.id, false)) securityEvent("admin.unlocked", event);
      return { ok: true, done: "admin-unlocked" };
    case "resend-verification":
      if (target.emailVerified) return { ok: false, state: { formError: "This email address is already verified." } };
      await sendVerificationEmail({ id: target.id, username: target.username, email: target.email });
      securityEvent("admin.verification_resent", event);
      return { ok: true, done: "admin-verification-sent" };
    case "reset-two-factor":
      await disableTwoFactor(target.id);
      securityEvent("admin.two_factor_reset", event);
      return { ok: true, done: "admin-two-factor-reset" };
    case "delete":
      if (self) return { ok: false, state: { formError: "Delete your own account from your settings." } };
      await deleteUserAndData(target.id);
      securityEvent("admin.account_deleted", { ...event, username: target.username });
      return { ok: true, done: "admin-user-deleted" };
  }
}

export const EVENTS_PER_PAGE = 50;

/** /admin/activity: every event, newest first, of one type and about one person when asked. */
export async function activityPage(query: Record<string, string | string[] | undefined>) {
  const one = (key: string) => (typeof query[key] === "string" ? asText(query[key] as string).slice(0, 320) : "");
  const type = (SECURITY_EVENTS as readonly string[]).includes(one("type")) ? one("type") : "";
  const userText = one("user");
  const page = Math.min(Math.max(Number.parseInt(one("page"), 10) || 1, 1), 100_000);
  const userId = userText ? await findUserIdByAny(userText) : null;
  if (userText && !userId) return { type, user: userText, page, rows: [], more: false, names: new Map<string, string>(), unknownUser: true };
  const { rows, more } = await listActivity({ type: type || undefined, userId: userId ?? undefined, skip: (page - 1) * EVENTS_PER_PAGE, take: EVENTS_PER_PAGE });
  const names = await namesOf([...new Set(rows.flatMap((row) => [row.userId, row.actorId]).filter((id): id is string => Boolean(id)))]);
  return { type, user: userText, page, rows, more, names, unknownUser: false };
}
