"use client";

import { passkeySignInOptionsAction, verifyTwoFactorPasskeyAction } from "@/app/(auth)/actions";
import { askForPasskey } from "@/components/forms/passkey";
import { PasskeyButton } from "@/components/forms/passkey-button";
import { PASSKEY_INCOMPLETE, PASSKEY_TOO_MANY } from "@/lib/auth/passkey-messages";

/** "Use a passkey": the second step with one of this account's passkeys instead of a code. */
export function PasskeySecondStep() {
  return (
    <PasskeyButton
      className="w-full"
      run={async () => {
        const options = await passkeySignInOptionsAction(true);
        if (!options) return PASSKEY_TOO_MANY;
        const response = await askForPasskey(options);
        if (!response) return PASSKEY_INCOMPLETE;
        return (await verifyTwoFactorPasskeyAction(response))?.error;
      }}
    >
      Use a passkey
    </PasskeyButton>
  );
}
