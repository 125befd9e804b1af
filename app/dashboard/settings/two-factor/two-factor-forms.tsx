"use client";

import Link from "next/link";
import { useActionState } from "react";
import {
  confirmTwoFactorSetupAction,
  type RecoveryCodesState,
  regenerateRecoveryCodesAction,
  turnOffTwoFactorAction,
} from "@/app/dashboard/actions";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ConfirmWithPasskey } from "@/app/confirm-with-passkey";

/** The recovery codes, shown once, with copy and download. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = codes.join("\n");
  return (
    <div className="grid gap-4">
      <Alert variant="success">Save these recovery codes somewhere safe. Each signs you in once; they are not shown again.</Alert>
      <ul className="grid grid-cols-2 gap-2 rounded-md border p-4 font-mono text-sm" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => void navigator.clipboard?.writeText(text)}>
          Copy
        </Button>
        <Button asChild variant="outline" size="sm">
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(`${text}\n`)}`} download="recovery-codes.txt">
            Download
          </a>
        </Button>
      </div>
      <Button asChild className="justify-self-start">
        <Link href="/dashboard/settings/two-factor">I have saved these codes</Link>
      </Button>
    </div>
  );
}

export function ConfirmSetupForm() {
  const [state, formAction, pending] = useActionState(confirmTwoFactorSetupAction, {});
  const { recoveryCodes } = state as RecoveryCodesState<"code">;
  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} />;
  return (
    <form action={formAction} className="grid gap-4">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <FormField label="Code" error={state.fieldErrors?.code}>
        {(field) => <Input {...field} name="code" autoComplete="one-time-code" required className="max-w-40" />}
      </FormField>
      <SubmitButton pending={pending} pendingText="Checking…" className="justify-self-start">
        Verify
      </SubmitButton>
    </form>
  );
}

export function RegenerateForm({ needsPassword }: { needsPassword: boolean }) {
  const [state, formAction, pending] = useActionState(regenerateRecoveryCodesAction, {});
  const { recoveryCodes } = state as RecoveryCodesState<"currentPassword">;
  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} />;
  const passwordError = state.fieldErrors?.currentPassword;
  return (
    <form action={formAction} className="grid gap-4">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      {needsPassword || passwordError ? (
        <FormField label="Current password" error={passwordError}>
          {(field) => <PasswordInput {...field} name="currentPassword" autoComplete="current-password" required />}
        </FormField>
      ) : null}
      <SubmitButton pending={pending} pendingText="Making new codes…" variant="outline" className="justify-self-start">
        Regenerate
      </SubmitButton>
    </form>
  );
}

/**
 * Turning two-factor off: the current password and a code, or a passkey (confirmed in the
 * last ten minutes) in place of the code.
 */
export function TurnOffForm({
  needsPassword,
  passkeys,
  passkeyConfirmed,
}: {
  needsPassword: boolean;
  /** Whether the account has passkeys, one of which may stand in for the code. */
  passkeys: boolean;
  passkeyConfirmed: boolean;
}) {
  const [state, formAction, pending] = useActionState(turnOffTwoFactorAction, {});
  return (
    <form action={formAction} className="grid gap-4">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      {needsPassword ? (
        <FormField label="Current password" error={state.fieldErrors?.currentPassword}>
          {(field) => <PasswordInput {...field} name="currentPassword" autoComplete="current-password" required />}
        </FormField>
      ) : null}
      {passkeyConfirmed ? (
        <p className="text-sm text-muted-foreground">Confirmed with your passkey: no code needed.</p>
      ) : (
        <>
          <FormField label="Code from your app or a recovery code" error={state.fieldErrors?.code}>
            {(field) => <Input {...field} name="code" autoComplete="one-time-code" required className="max-w-56" />}
          </FormField>
          {passkeys ? <ConfirmWithPasskey label="Use a passkey instead of a code" /> : null}
        </>
      )}
      <SubmitButton pending={pending} pendingText="Turning off…" variant="destructive" className="justify-self-start">
        Turn off two-factor authentication
      </SubmitButton>
    </form>
  );
}
