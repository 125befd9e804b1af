"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { PasskeyButton } from "@/components/forms/passkey-button";
import { Alert } from "@/components/ui/alert";

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

  /** One passkey sign-in; the error to show, if any. Its code loads on first use, not with the page. */
  const signInWith = useCallback(
    async (autofill: boolean) => (await import("./passkey-flow")).signInWithPasskey(autofill, settings.current),
    [],
  );

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
