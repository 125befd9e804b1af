"use client";

import { setPasswordAction } from "@/app/dashboard/actions";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";

/** A first password, for someone who came through an identity provider. */
export function SetPasswordForm({ passwordMinLength, userInputs }: { passwordMinLength: number; userInputs: string[] }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/account").then((m) => m.setPasswordSchema(passwordMinLength)),
    action: setPasswordAction,
    defaultValues: { password: "", confirmPassword: "" },
    secretFields: ["password", "confirmPassword"],
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <NewPasswordFields form={form} errorFor={errorFor} passwordMinLength={passwordMinLength} userInputs={userInputs} />
      <SubmitButton pending={pending} pendingText="Saving…" className="justify-self-start">
        Set password
      </SubmitButton>
    </form>
  );
}
