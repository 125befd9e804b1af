"use client";

import Link from "next/link";
import { forgotPasswordAction } from "@/app/(auth)/actions";
import { EmailInput } from "@/components/forms/email-input";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";

export function ForgotPasswordForm() {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/account").then((m) => m.forgotPasswordSchema),
    action: forgotPasswordAction,
    defaultValues: { email: "" },
    secretFields: [],
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      {state.notice ? <Alert variant="success">{state.notice}</Alert> : null}
      <FormField label="Email" error={errorFor("email")}>
        {(field) => (
          <EmailInput {...field} {...form.register("email")} defaultValue={state.values?.email} />
        )}
      </FormField>
      <SubmitButton pending={pending} pendingText="Sending…" className="w-full">
        Send reset link
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
