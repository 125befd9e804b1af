"use client";

import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { chooseUsernameAction } from "./actions";

export function WelcomeForm({ suggestion, callbackUrl }: { suggestion: string; callbackUrl?: string }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor } = useActionForm({
    schema: () => import("@/lib/validation/auth").then((m) => m.welcomeSchema),
    action: chooseUsernameAction,
    defaultValues: { username: suggestion },
    secretFields: [],
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="grid gap-5">
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormField label="Username" error={errorFor("username")} hint="3–32 characters: letters, digits and underscores.">
        {(field) => (
          <Input
            {...field}
            {...form.register("username")}
            defaultValue={state.values?.username ?? suggestion}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        )}
      </FormField>
      <SubmitButton pending={pending} pendingText="Saving…" className="w-full">
        Continue
      </SubmitButton>
    </form>
  );
}
