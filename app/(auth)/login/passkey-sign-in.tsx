"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { passkeySignInOptionsAction, signInWithPasskeyAction } from "@/app/(auth)/actions";
import { askForPasskey } from "@/components/forms/passkey";
import { PasskeyButton } from "@/components/forms/passkey-button";
import { Alert } from "@/components/ui/alert";
import { PASSKEY_INCOMPLETE, PASSKEY_TOO_MANY } from "@/lib/auth/passkey-messages";

/**
 * "Sign in with a passkey" (no username needed), and passkey autofill on the "Email or
 * username" field: the browser offers the person's passkeys there once the field has focus.
 */
export function PasskeySignIn({
  remember,
  callbackUrl,
  identifier,
}: {
  remember: boolean;
  callbackUrl?: string;
  /** The "Email or username" field, whose first focus starts the autofill. */
  identifier: React.RefObject<HTMLInputElement | null>;
}) {
  const [autofillError, setAutofillError] = useState<string>();
  const settings = useRef({ remember, callbackUrl });
  settings.current = { remember, callbackUrl };

  /** One passkey sign-in; the error to show, if any (autofill stays quiet until the server answers). */
  const signInWith = useCallback(async (autofill: boolean): Promise<string | undefined> => {
    const options = await passkeySignInOptionsAction();
    if (!options) return autofill ? undefined : PASSKEY_TOO_MANY;
    const response = await askForPasskey(options, { autofill });
    if (!response) return autofill ? undefined : PASSKEY_INCOMPLETE;
    return (await signInWithPasskeyAction(response, settings.current))?.error;
  }, []);

  useEffect(() => {
    const field = identifier.current;
    const start = () => void signInWith(true).then(setAutofillError);
    field?.addEventListener("focus", start, { once: true });
    return () => field?.removeEventListener("focus", start);
  }, [identifier, signInWith]);

  return (
    <div className="grid gap-3">
      {autofillError ? <Alert variant="error">{autofillError}</Alert> : null}
      <PasskeyButton
        variant="outline"
        className="w-full"
        run={() => {
          setAutofillError(undefined);
          return signInWith(false);
        }}
      >
        Sign in with a passkey
      </PasskeyButton>
    </div>
  );
}
