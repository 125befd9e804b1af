"use client";

import { passkeySignInOptionsAction, signInWithPasskeyAction } from "@/app/(auth)/actions";
import { askForPasskey } from "@/components/forms/passkey";
import { PASSKEY_INCOMPLETE, PASSKEY_TOO_MANY } from "@/lib/auth/passkey-messages";

/**
 * One passkey sign-in from /login; the error to show, if any. With `autofill`, the browser
 * offers the passkeys in the field's autofill list, and nothing is said until the server answers.
 * Loaded on first use (a focus or a click), not with the page.
 */
export async function signInWithPasskey(autofill: boolean, settings: { remember: boolean; callbackUrl?: string }): Promise<string | undefined> {
  const options = await passkeySignInOptionsAction();
  if (!options) return autofill ? undefined : PASSKEY_TOO_MANY;
  const response = await askForPasskey(options, { autofill });
  if (!response) return autofill ? undefined : PASSKEY_INCOMPLETE;
  return (await signInWithPasskeyAction(response, settings))?.error;
}
