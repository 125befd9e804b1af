"use client";

import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/browser";

// @simplewebauthn/browser is loaded when a passkey is first needed, not with the page.
const browser = () => import("@simplewebauthn/browser");

/** Asks the browser for a passkey; null when the person cancelled or the browser refused. */
export async function askForPasskey(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  { autofill = false }: { autofill?: boolean } = {},
): Promise<AuthenticationResponseJSON | null> {
  const { startAuthentication, browserSupportsWebAuthnAutofill } = await browser();
  if (autofill && !(await browserSupportsWebAuthnAutofill())) return null;
  try {
    return await startAuthentication({ optionsJSON, useBrowserAutofill: autofill });
  } catch {
    return null;
  }
}

/**
 * Asks the browser to make a passkey. "exists" when the device already holds a passkey of
 * this account; "cancelled" when the person cancelled or the browser refused.
 */
export async function makePasskey(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
): Promise<{ response: RegistrationResponseJSON } | { refused: "exists" | "cancelled" }> {
  const { startRegistration, WebAuthnError } = await browser();
  try {
    return { response: await startRegistration({ optionsJSON }) };
  } catch (error) {
    const exists = error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED";
    return { refused: exists ? "exists" : "cancelled" };
  }
}
