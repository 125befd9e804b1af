"use client";

import { useActionState } from "react";
import { confirmAdminPasswordAction } from "@/app/admin/actions";
import { ConfirmWithPasskey } from "@/app/confirm-with-passkey";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";

/**
 * Admin actions need a sign-in or confirmation from the last ten minutes: the admin confirms
 * with their password or a passkey, and the actions open for ten minutes.
 */
export function ConfirmItIsYou({ password, passkey }: { password: boolean; passkey: boolean }) {
  const [state, formAction, pending] = useActionState(confirmAdminPasswordAction, {});
  return (
    <Alert className="grid gap-4">
      <p>For your security, confirm it is you before you change anyone's account. Admin actions then stay open for 10 minutes.</p>
      {password ? (
        <form action={formAction} className="grid max-w-sm gap-3">
          {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
          <FormField label="Current password" error={state.fieldErrors?.currentPassword}>
            {(field) => <PasswordInput {...field} name="currentPassword" autoComplete="current-password" required />}
          </FormField>
          <SubmitButton pending={pending} pendingText="Confirming…" className="justify-self-start">
            Confirm
          </SubmitButton>
        </form>
      ) : null}
      {passkey ? <ConfirmWithPasskey /> : null}
      {!password && !passkey ? <p>Sign out and sign in again to use admin actions.</p> : null}
    </Alert>
  );
}
