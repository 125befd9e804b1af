"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmWithPasskeyAction, passkeyConfirmOptionsAction } from "@/app/(dashboard)/actions";
import { askForPasskey } from "@/components/forms/passkey";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PASSKEY_NOT_CONFIRMED, PASSKEY_TOO_MANY } from "@/lib/auth/passkey-messages";

/**
 * "Confirm with a passkey": proves it is really this person with one of their own passkeys,
 * so that sensitive settings open for ten minutes without a password (or a code).
 */
export function ConfirmWithPasskey({ label = "Confirm with a passkey" }: { label?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const confirm = async () => {
    const options = await passkeyConfirmOptionsAction();
    if (!options) return setError(PASSKEY_TOO_MANY);
    const response = await askForPasskey(options);
    if (!response) return setError(PASSKEY_NOT_CONFIRMED);
    const answer = await confirmWithPasskeyAction(response);
    if (answer.error) return setError(answer.error);
    router.refresh();
  };

  return (
    <div className="grid gap-3">
      {error ? <Alert variant="error">{error}</Alert> : null}
      <Button
        type="button"
        variant="outline"
        className="justify-self-start"
        disabled={pending}
        onClick={() => {
          setError(undefined);
          startTransition(confirm);
        }}
      >
        <KeyRound aria-hidden />
        {label}
      </Button>
    </div>
  );
}
