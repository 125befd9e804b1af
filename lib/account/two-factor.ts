import "server-only";
import { renderSVG } from "uqr";
import { appCodeAccepted } from "@/lib/auth/pending-sign-in";
import { confirmedRecently, type SessionInfo } from "@/lib/auth/session";
import {
  decryptSecret,
  encryptSecret,
  groupedSecret,
  hashRecoveryCode,
  isRecoveryCodeShape,
  matchingStep,
  newRecoveryCodes,
  newSecret,
  otpauthUri,
} from "@/lib/auth/two-factor";
import {
  countUnusedRecoveryCodes,
  disableTwoFactor,
  enableTwoFactor,
  findTwoFactor,
  replaceRecoveryCodes,
  saveSetupSecret,
  useRecoveryCode,
} from "@/lib/db/two-factor";
import type { FormState } from "@/lib/forms/form-state";
import { securityEvent } from "@/lib/log";
import * as templates from "@/lib/mail/templates";
import { ENTER_CODE } from "@/lib/validation/account";
import { INVALID_CODE } from "@/lib/validation/auth";
import { confirmRecentOrPassword } from "./current-password";
import { deliver } from "./notify";

type Person = { id: string; username: string | null; email: string };

export type TwoFactorStatus =
  | { state: "off" }
  | { state: "setting-up"; secret: string; qrSvg: string }
  | { state: "on"; since: Date; recoveryCodesLeft: number };

/** Where two-factor stands for this person; while setting up, the key and its QR code. */
export async function twoFactorStatus(person: Person): Promise<TwoFactorStatus> {
  const row = await findTwoFactor(person.id);
  if (!row) return { state: "off" };
  if (row.enabledAt) return { state: "on", since: row.enabledAt, recoveryCodesLeft: await countUnusedRecoveryCodes(person.id) };
  const secret = decryptSecret(row.secret);
  if (!secret) return { state: "off" };
  return { state: "setting-up", secret: groupedSecret(secret), qrSvg: renderSVG(otpauthUri(secret, person.email), { border: 2 }) };
}

/** "Set up authenticator app": a new secret, waiting for its first code. */
export async function startTwoFactorSetup(person: Person) {
  const row = await findTwoFactor(person.id);
  if (row?.enabledAt) return;
  await saveSetupSecret(person.id, encryptSecret(newSecret()));
}

/**
 * Turns two-factor on with the first correct code from the app; returns the recovery codes,
 * shown this once (only their hashes are kept).
 */
export async function confirmTwoFactorSetup(person: Person, code: string): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; state: FormState<"code"> }> {
  const row = await findTwoFactor(person.id);
  const secret = row && !row.enabledAt ? decryptSecret(row.secret) : null;
  if (!secret) return { ok: false, state: { formError: "Start the set-up again: the key has changed." } };
  const step = matchingStep(secret, code);
  if (step === null) return { ok: false, state: { fieldErrors: { code: INVALID_CODE } } };
  const recoveryCodes = newRecoveryCodes();
  if (!(await enableTwoFactor(person.id, step, recoveryCodes.map(hashRecoveryCode)))) {
    return { ok: false, state: { formError: "Two-factor authentication is already on." } };
  }
  securityEvent("two_factor.enabled", { userId: person.id });
  return { ok: true, recoveryCodes };
}

/** A new set of recovery codes (the old set is void), after a recent sign-in or the current password. */
export async function regenerateRecoveryCodes(
  session: SessionInfo,
  currentPassword: string | undefined,
  ip: string,
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; state: FormState<"currentPassword"> }> {
  const allowed = await confirmRecentOrPassword(session, currentPassword, ip, "make new recovery codes");
  if (!allowed.ok) return allowed;
  const recoveryCodes = newRecoveryCodes();
  await replaceRecoveryCodes(session.user.id, recoveryCodes.map(hashRecoveryCode));
  securityEvent("two_factor.recovery_codes_regenerated", { userId: session.user.id, ip });
  return { ok: true, recoveryCodes };
}

/**
 * Turns two-factor off: the current password (or, without one, a recent sign-in) and a code,
 * or a passkey confirmed in the last ten minutes in place of the code; a notice is mailed.
 */
export async function turnOffTwoFactor(
  session: SessionInfo,
  { currentPassword, code }: { currentPassword?: string; code?: string },
  ip: string,
): Promise<{ ok: true } | { ok: false; state: FormState<"currentPassword" | "code"> }> {
  const allowed = await confirmRecentOrPassword(session, currentPassword, ip, "turn two-factor authentication off", { alwaysAskPassword: true });
  if (!allowed.ok) return allowed;
  const userId = session.user.id;
  if (!confirmedRecently(session)) {
    if (!code) return { ok: false, state: { fieldErrors: { code: ENTER_CODE } } };
    const codeOk = isRecoveryCodeShape(code) ? await useRecoveryCode(userId, hashRecoveryCode(code)) : await appCodeAccepted(userId, code);
    if (!codeOk) return { ok: false, state: { fieldErrors: { code: INVALID_CODE } } };
  }
  await disableTwoFactor(userId);
  securityEvent("two_factor.disabled", { userId, ip });
  await deliver(session.user.email, templates.twoFactorDisabled({ username: session.user.username }));
  return { ok: true };
}

/** Tells the person a recovery code was used to sign in (run after the answer). */
export async function notifyRecoveryCodeUsed(person: Person, remaining: number) {
  await deliver(person.email, templates.recoveryCodeUsed({ username: person.username, remaining }));
}
