"use client";

import Link from "next/link";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { resetPasswordSchema } from "@/lib/validation/account";
import { PasswordStrength } from "./password-strength";

export function ResetPasswordForm({ token, passwordMinLength, userInputs }: { token: string; passwordMinLength: number; userInputs: string[] }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: resetPasswordSchema(passwordMinLength),
    action: resetPasswordAction,
    defaultValues: { token, password: "", confirmPassword: "" },
    secretFields: ["password", "confirmPassword"],
  });
  const password = form.watch("password");

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? (
        <Alert variant="error">
          {state.formError}{" "}
          <Link href="/forgot-password" className="font-medium underline underline-offset-4">
            Request a new link
          </Link>
        </Alert>
      ) : null}
      <input type="hidden" {...form.register("token")} value={token} />
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
      <SubmitButton pending={pending} pendingText="Saving…" className="w-full">
        Reset password
      </SubmitButton>
    </form>
  );
}
