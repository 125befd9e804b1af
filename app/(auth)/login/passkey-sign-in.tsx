"use client";

import { KeyRound } from "lucide-react";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { passkeySignInOptionsAction, signInWithPasskeyAction } from "@/app/(auth)/actions";
import { askForPasskey } from "@/components/forms/passkey";
import { PASSKEY_INCOMPLETE, PASSKEY_TOO_MANY } from "@/lib/auth/passkey-messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

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
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const settings = useRef({ remember, callbackUrl });
  settings.current = { remember, callbackUrl };

  const signInWith = useCallback(async (autofill: boolean) => {
    const options = await passkeySignInOptionsAction();
    if (!options) return autofill ? undefined : setError(PASSKEY_TOO_MANY);
    const response = await askForPasskey(options, { autofill });
    if (!response) return autofill ? undefined : setError(PASSKEY_INCOMPLETE);
    const answer = await signInWithPasskeyAction(response, settings.current);
    if (answer?.error) setError(answer.error);
  }, []);

  useEffect(() => {
    const field = identifier.current;
    const start = () => void signInWith(true);
    field?.addEventListener("focus", start, { once: true });
    return () => field?.removeEventListener("focus", start);
  }, [identifier, signInWith]);

  return (
    <div className="grid gap-3">
      {error ? <Alert variant="error">{error}</Alert> : null}
      <Button
        type="button"
        variant="outline"
        className="w-full"
        disabled={pending}
        onClick={() => {
          setError(undefined);
          startTransition(() => signInWith(false));
        }}
      >
        <KeyRound aria-hidden />
        Sign in with a passkey
      </Button>
    </div>
  );
}
