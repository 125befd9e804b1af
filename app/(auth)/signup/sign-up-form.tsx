"use client";

import Link from "next/link";
import { signUpAction } from "@/app/(auth)/actions";
import { EmailInput } from "@/components/forms/email-input";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { PasswordStrength } from "@/components/forms/password-strength";

export function SignUpForm({ passwordMinLength }: { passwordMinLength: number }) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor, challengeAttributes } = useActionForm({
    schema: () => import("@/lib/validation/auth").then((m) => m.signUpSchema(passwordMinLength)),
    action: signUpAction,
    defaultValues: { username: "", email: "", password: "", confirmPassword: "" },
    secretFields: ["password", "confirmPassword"],
    challenge: { purpose: "signup", fromStart: true },
  });
  const [password, username, email] = form.watch(["password", "username", "email"]);

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="grid gap-5"
      {...challengeAttributes}
    >
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      <noscript>
        <Alert variant="error">
          Creating an account needs JavaScript: your browser runs a short automatic check that you are not a bot.
        </Alert>
      </noscript>
      <FormField
        label="Username"
        error={errorFor("username")}
        hint="3–32 characters: letters, digits and underscores."
      >
        {(field) => (
          <Input
            {...field}
            {...form.register("username")}
            defaultValue={state.values?.username}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        )}
      </FormField>
      <FormField label="Email" error={errorFor("email")}>
        {(field) => (
          <EmailInput {...field} {...form.register("email")} defaultValue={state.values?.email} />
        )}
      </FormField>
      <FormField
        label="Password"
        error={errorFor("password")}
        hint={<PasswordStrength password={password} userInputs={[username, email]} minLength={passwordMinLength} />}
      >
        {(field) => (
          <PasswordInput {...field} {...form.register("password")} autoComplete="new-password" required />
        )}
      </FormField>
      <FormField label="Confirm password" error={errorFor("confirmPassword")}>
        {(field) => (
          <PasswordInput {...field} {...form.register("confirmPassword")} autoComplete="new-password" required />
        )}
      </FormField>
      <SubmitButton pending={pending} pendingText="Creating account…" className="w-full">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
