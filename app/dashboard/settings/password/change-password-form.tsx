"use client";

import { changePasswordAction } from "@/app/dashboard/actions";
import { FormField } from "@/components/forms/form-field";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";

export function ChangePasswordForm({ passwordMinLength, userInputs }: { passwordMinLength: number; userInputs: string[] }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/account").then((m) => m.changePasswordSchema(passwordMinLength)),
    action: changePasswordAction,
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
    secretFields: ["currentPassword", "password", "confirmPassword"],
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <FormField label="Current password" error={errorFor("currentPassword")}>
        {(field) => <PasswordInput {...field} {...form.register("currentPassword")} autoComplete="current-password" required />}
      </FormField>
      <NewPasswordFields form={form} errorFor={errorFor} passwordMinLength={passwordMinLength} userInputs={userInputs} />
      <SubmitButton pending={pending} pendingText="Changing…" className="justify-self-start">
        Change password
      </SubmitButton>
    </form>
  );
}
