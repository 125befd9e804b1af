"use client";

import Link from "next/link";
import { verifyTwoFactorAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";

export function TwoFactorForm({ autoFocus = true }: { autoFocus?: boolean }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/auth").then((m) => m.twoFactorCodeSchema),
    action: verifyTwoFactorAction,
    defaultValues: { code: "" },
    secretFields: ["code"],
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <FormField label="Code" error={errorFor("code")}>
        {(field) => (
          <Input
            {...field}
            {...form.register("code")}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus={autoFocus}
            required
          />
        )}
      </FormField>
      <SubmitButton pending={pending} pendingText="Checking…" className="w-full">
        Verify
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
          Start again
        </Link>
      </p>
    </form>
  );
}
