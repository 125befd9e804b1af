"use client";

import Link from "next/link";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";

export function ResetPasswordForm({ token, passwordMinLength, userInputs }: { token: string; passwordMinLength: number; userInputs: string[] }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/account").then((m) => m.resetPasswordSchema(passwordMinLength)),
    action: resetPasswordAction,
    defaultValues: { token, password: "", confirmPassword: "" },
    secretFields: ["password", "confirmPassword"],
  });

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
      <NewPasswordFields form={form} errorFor={errorFor} passwordMinLength={passwordMinLength} userInputs={userInputs} />
      <SubmitButton pending={pending} pendingText="Saving…" className="w-full">
        Reset password
      </SubmitButton>
    </form>
  );
}
