"use client";

import { useRouter } from "next/navigation";
import { confirmWithPasskeyAction, passkeyConfirmOptionsAction } from "@/app/dashboard/actions";
import { askForPasskey } from "@/components/forms/passkey";
import { PasskeyButton } from "@/components/forms/passkey-button";
import { PASSKEY_NOT_CONFIRMED, PASSKEY_TOO_MANY } from "@/lib/auth/passkey-messages";

/**
 * "Confirm with a passkey": proves it is really this person with one of their own passkeys,
 * so that sensitive settings (and admin actions) open for ten minutes without a password (or a code).
 */
export function ConfirmWithPasskey({ label = "Confirm with a passkey" }: { label?: string }) {
  const router = useRouter();
  return (
    <PasskeyButton
      variant="outline"
      className="justify-self-start"
      run={async () => {
        const options = await passkeyConfirmOptionsAction();
        if (!options) return PASSKEY_TOO_MANY;
        const response = await askForPasskey(options);
        if (!response) return PASSKEY_NOT_CONFIRMED;
        const answer = await confirmWithPasskeyAction(response);
        if (answer.error) return answer.error;
        router.refresh();
      }}
    >
      {label}
    </PasskeyButton>
  );
}
