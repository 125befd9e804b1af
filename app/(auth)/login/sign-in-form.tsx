"use client";

import Link from "next/link";
import { useRef } from "react";
import { signInAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/forms/form-field";
import { PasswordInput } from "@/components/forms/password-input";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import type { IdentityProvider } from "@/lib/auth/providers";
import { ProviderButtons } from "../provider-buttons";
import { PasskeySignIn } from "./passkey-sign-in";

export function SignInForm({
  callbackUrl,
  challenge,
  providers,
  notice,
}: {
  callbackUrl?: string;
  challenge: boolean;
  providers: IdentityProvider[];
  /** Why a provider sign-in came back here, if it did. */
  notice?: string;
}) {
  const { form, state, formRef, formAction, onSubmit, pending, errorFor, challengeAttributes } = useActionForm({
    schema: () => import("@/lib/validation/auth").then((m) => m.signInSchema),
    action: signInAction,
    defaultValues: { identifier: "", password: "", remember: false },
    secretFields: ["password"],
    challenge: { purpose: "signin", fromStart: challenge },
  });
  const identifierRef = useRef<HTMLInputElement | null>(null);
  const { ref: registerIdentifierRef, ...identifierField } = form.register("identifier");

  return (
    <div className="grid gap-5">
      <form
        ref={formRef}
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        className="grid gap-5"
        {...challengeAttributes}
      >
        {state.formError ? <Alert variant="error">{state.formError}</Alert> : notice ? <Alert variant="error">{notice}</Alert> : null}
        {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
        <FormField label="Email or username" error={errorFor("identifier")}>
          {(field) => (
            <Input
              {...field}
              {...identifierField}
              ref={(element) => {
                registerIdentifierRef(element);
                identifierRef.current = element;
              }}
              defaultValue={state.values?.identifier}
              autoComplete="username webauthn"
              autoCapitalize="none"
              spellCheck={false}
              required
            />
          )}
        </FormField>
        <FormField label="Password" error={errorFor("password")}>
          {(field) => (
            <PasswordInput {...field} {...form.register("password")} autoComplete="current-password" required />
          )}
        </FormField>
        <div className="flex items-center justify-between gap-4">
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="checkbox"
              {...form.register("remember")}
              defaultChecked={state.values?.remember === "on"}
              className="size-4 rounded border-input accent-primary"
            />
            Remember me
          </label>
          <Link href="/forgot-password" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Forgot password?
          </Link>
        </div>
        <SubmitButton pending={pending} pendingText="Signing in…" className="w-full">
          Sign in
        </SubmitButton>
      </form>
      {/* "Remember me" applies to passkeys and the provider buttons too. */}
      <PasskeySignIn remember={form.watch("remember") === true} callbackUrl={callbackUrl} identifier={identifierRef} />
      <ProviderButtons providers={providers} remember={form.watch("remember") === true} callbackUrl={callbackUrl} />
      <p className="text-center text-sm text-muted-foreground">
        New here?{" "}
        <Link href="/signup" className="font-medium text-primary underline-offset-4 hover:underline">
          Create account
        </Link>
      </p>
    </div>
  );
}
