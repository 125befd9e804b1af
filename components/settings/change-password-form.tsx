"use client";

import { changePasswordAction } from "@/app/(dashboard)/actions";
import { PasswordStrength } from "@/components/auth/password-strength";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { changePasswordSchema } from "@/lib/validation/account";

export function ChangePasswordForm({ passwordMinLength, userInputs }: { passwordMinLength: number; userInputs: string[] }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: changePasswordSchema(passwordMinLength),
    action: changePasswordAction,
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
    secretFields: ["currentPassword", "password", "confirmPassword"],
  });
  const password = form.watch("password");

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <FormField label="Current password" error={errorFor("currentPassword")}>
        {(field) => <PasswordInput {...field} {...form.register("currentPassword")} autoComplete="current-password" required />}
      </FormField>
      <FormField
        label="New password"
        error={errorFor("password")}
        hint={<PasswordStrength password={password} userInputs={userInputs} minLength={passwordMinLength} />}
      >
        {(field) => <PasswordInput {...field} {...form.register("password")} autoComplete="new-password" required />}
      </FormField>
      <FormField label="Confirm new password" error={errorFor("confirmPassword")}>
        {(field) => <PasswordInput {...field} {...form.register("confirmPassword")} autoComplete="new-password" required />}
      </FormField>
      <SubmitButton pending={pending} pendingText="Changing…" className="justify-self-start">
        Change password
      </SubmitButton>
    </form>
  );
}
