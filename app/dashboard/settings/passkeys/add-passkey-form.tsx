"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { addPasskeyAction, type PasskeyState, passkeyRegistrationOptionsAction } from "@/app/dashboard/actions";
import { FormField } from "@/components/forms/form-field";
import { makePasskey } from "@/components/forms/passkey";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { addPasskeySchema } from "@/lib/validation/account";

type Values = { name: string; currentPassword?: string };

const NOT_MADE = "No passkey was made. Please try again, and follow your browser's prompts.";
const ALREADY_ON_DEVICE = "This device or password manager already has a passkey for your account.";

/**
 * Names the passkey, asks the browser to make it, then stores it. Creating a passkey needs
 * the browser's WebAuthn call, so this form works only with JavaScript.
 */
export function AddPasskeyForm({ needsPassword }: { needsPassword: boolean }) {
  const [formError, setFormError] = useState<string>();
  const [askPassword, setAskPassword] = useState(needsPassword);
  const form = useForm<Values>({
    resolver: zodResolver(addPasskeySchema),
    mode: "onTouched",
    defaultValues: { name: "", currentPassword: "" },
  });
  const { errors, isSubmitting } = form.formState;

  /** Puts a server answer on the form: field errors next to their fields, the rest on top. */
  const show = (state: PasskeyState) => {
    form.resetField("currentPassword");
    setFormError(state.formError);
    if (state.fieldErrors?.currentPassword) setAskPassword(true);
    for (const [field, message] of Object.entries(state.fieldErrors ?? {})) {
      if (message) form.setError(field as keyof Values, { type: "server", message }, { shouldFocus: true });
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    const started = await passkeyRegistrationOptionsAction(values);
    if ("state" in started) return show(started.state);
    const made = await makePasskey(started.options);
    if ("refused" in made) return setFormError(made.refused === "exists" ? ALREADY_ON_DEVICE : NOT_MADE);
    const answer = await addPasskeyAction(values.name, made.response);
    if (answer) show(answer);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError ? <Alert variant="error">{formError}</Alert> : null}
      <FormField label="Passkey name" error={errors.name?.message} hint="So you can tell it apart later, e.g. “Work laptop” or “Phone”.">
        {(field) => <Input {...field} {...form.register("name")} autoComplete="off" maxLength={64} required className="max-w-sm" />}
      </FormField>
      {askPassword ? (
        <FormField label="Current password" error={errors.currentPassword?.message}>
          {(field) => <PasswordInput {...field} {...form.register("currentPassword")} autoComplete="current-password" required />}
        </FormField>
      ) : null}
      <SubmitButton pending={isSubmitting} pendingText="Waiting for your passkey…" className="justify-self-start">
        Add a passkey
      </SubmitButton>
    </form>
  );
}
