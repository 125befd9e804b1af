"use client";

import { useActionState } from "react";
import { connectProviderAction } from "@/app/dashboard/actions";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import type { IdentityProvider } from "@/lib/auth/providers";

/** "Connect <provider>", with the current password when the sign-in is not recent. */
export function ConnectForm({ provider, needsPassword }: { provider: IdentityProvider; needsPassword: boolean }) {
  const [state, formAction, pending] = useActionState(connectProviderAction, {});
  const passwordError = state.fieldErrors?.currentPassword;
  return (
    <form action={formAction} className="grid w-full gap-3 sm:w-auto">
      <input type="hidden" name="provider" value={provider.id} />
      {state.formError ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {state.formError}
        </p>
      ) : null}
      {needsPassword || passwordError ? (
        <FormField label="Current password" error={passwordError}>
          {(field) => <PasswordInput {...field} name="currentPassword" autoComplete="current-password" required />}
        </FormField>
      ) : null}
      <SubmitButton pending={pending} pendingText="Opening…" variant="outline" size="sm" className="justify-self-start">
        Connect {provider.name}
      </SubmitButton>
    </form>
  );
}
