"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "@/app/dashboard/actions";
import { SubmitButton } from "@/components/forms/submit-button";
import { Icon } from "@/components/ui/icon";

/** Asks the user to open the link we mailed them, with a button to send it again. */
export function VerifyEmailBanner({ email, required }: { email: string; required: boolean }) {
  const [state, formAction, pending] = useActionState(resendVerificationAction, {});
  return (
    <section
      aria-labelledby="verify-email-title"
      className="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-info/40 bg-info/10 p-4"
    >
      <div className="flex gap-3">
        <Icon className="icon-[lucide--mail-warning] mt-0.5 size-5 shrink-0 text-info" />
        <div className="grid gap-1 text-sm">
          <h2 id="verify-email-title" className="font-semibold">
            Verify your email
          </h2>
          <p className="text-muted-foreground">
            We sent a link to <span className="font-medium break-all text-foreground">{email}</span>.{" "}
            {required ? "Open it to start using your account." : "Open it to confirm the address is yours."}
          </p>
          {state.formError ? (
            <p role="alert" className="font-medium text-destructive">
              {state.formError}
            </p>
          ) : null}
        </div>
      </div>
      <form action={formAction}>
        <SubmitButton pending={pending} pendingText="Sending…" variant="outline" size="sm">
          Resend email
        </SubmitButton>
      </form>
    </section>
  );
}
