"use client";

import { deleteAccountAction } from "@/app/dashboard/actions";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";

/** `needsPassword`: false for someone without a password, who confirms it is them otherwise. */
export function DeleteAccountForm({ username, needsPassword }: { username: string; needsPassword: boolean }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/account").then((m) => m.deleteAccountSchema),
    action: deleteAccountAction,
    defaultValues: needsPassword ? { confirmUsername: "", currentPassword: "" } : { confirmUsername: "" },
    secretFields: ["currentPassword"],
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <FormField label="Type your username to confirm" error={errorFor("confirmUsername")} hint={`Your username is ${username}.`}>
        {(field) => (
          <Input {...field} {...form.register("confirmUsername")} autoComplete="off" autoCapitalize="none" spellCheck={false} required />
        )}
      </FormField>
      {needsPassword ? (
        <FormField label="Current password" error={errorFor("currentPassword")}>
          {(field) => <PasswordInput {...field} {...form.register("currentPassword")} autoComplete="current-password" required />}
        </FormField>
      ) : null}
      <SubmitButton pending={pending} pendingText="Deleting…" variant="destructive" className="justify-self-start">
        Delete account
      </SubmitButton>
    </form>
  );
}
