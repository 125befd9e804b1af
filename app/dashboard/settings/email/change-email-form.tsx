"use client";

import { changeEmailAction } from "@/app/dashboard/actions";
import { EmailInput } from "@/components/forms/email-input";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";

/** `needsPassword`: false for someone without a password, who confirms it is them otherwise. */
export function ChangeEmailForm({ needsPassword }: { needsPassword: boolean }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/account").then((m) => m.changeEmailSchema),
    action: changeEmailAction,
    defaultValues: needsPassword ? { email: "", currentPassword: "" } : { email: "" },
    secretFields: ["currentPassword"],
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <FormField label="New email" error={errorFor("email")} hint="We send a link to the new address; the change takes effect once you open it.">
        {(field) => (
          <EmailInput {...field} {...form.register("email")} defaultValue={state.values?.email} />
        )}
      </FormField>
      {needsPassword ? (
        <FormField label="Current password" error={errorFor("currentPassword")}>
          {(field) => <PasswordInput {...field} {...form.register("currentPassword")} autoComplete="current-password" required />}
        </FormField>
      ) : null}
      <SubmitButton pending={pending} pendingText="Sending…" className="justify-self-start">
        Change email
      </SubmitButton>
    </form>
  );
}
