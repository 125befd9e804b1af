"use client";

import { KeyRound } from "lucide-react";
import { useState, useTransition } from "react";
import { passkeySignInOptionsAction, verifyTwoFactorPasskeyAction } from "@/app/(auth)/actions";
import { askForPasskey } from "@/components/forms/passkey";
import { PASSKEY_INCOMPLETE, PASSKEY_TOO_MANY } from "@/lib/auth/passkey-messages";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** "Use a passkey": the second step with one of this account's passkeys instead of a code. */
export function PasskeySecondStep() {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const usePasskey = async () => {
    const options = await passkeySignInOptionsAction(true);
    if (!options) return setError(PASSKEY_TOO_MANY);
    const response = await askForPasskey(options);
    if (!response) return setError(PASSKEY_INCOMPLETE);
    const answer = await verifyTwoFactorPasskeyAction(response);
    if (answer?.error) setError(answer.error);
  };

  return (
    <div className="grid gap-3">
      {error ? <Alert variant="error">{error}</Alert> : null}
      <Button
        type="button"
        className="w-full"
        disabled={pending}
        onClick={() => {
          setError(undefined);
          startTransition(usePasskey);
        }}
      >
        <KeyRound aria-hidden />
        Use a passkey
      </Button>
    </div>
  );
}
