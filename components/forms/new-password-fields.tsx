"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { PasswordStrength } from "./password-strength";
import { FormField } from "./form-field";
import { PasswordInput } from "./password-input";

type WithNewPassword = FieldValues & { password: string; confirmPassword: string };

/** "New password" with its strength hint, and "Confirm new password": reset and change forms. */
export function NewPasswordFields<Input extends WithNewPassword>({
  form,
  errorFor,
  passwordMinLength,
  userInputs,
}: {
  form: UseFormReturn<Input, unknown, FieldValues>;
  errorFor: (field: Path<Input>) => string | undefined;
  passwordMinLength: number;
  userInputs: string[];
}) {
  const password = "password" as Path<Input>;
  const confirm = "confirmPassword" as Path<Input>;
  return (
    <>
      <FormField
        label="New password"
        error={errorFor(password)}
        hint={<PasswordStrength password={form.watch(password)} userInputs={userInputs} minLength={passwordMinLength} />}
      >
        {(field) => <PasswordInput {...field} {...form.register(password)} autoComplete="new-password" required />}
      </FormField>
      <FormField label="Confirm new password" error={errorFor(confirm)}>
        {(field) => <PasswordInput {...field} {...form.register(confirm)} autoComplete="new-password" required />}
      </FormField>
    </>
  );
}
