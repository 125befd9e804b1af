"use client";

import { useActionState } from "react";
import { adminUserAction } from "@/app/admin/actions";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import type { ADMIN_ACTIONS } from "@/lib/validation/admin";

/** One admin action on one user: a button (and for deletion, the name to type), with its answer. */
export function AdminActionForm({
  userId,
  action,
  label,
  pendingText,
  destructive,
  confirmName,
}: {
  userId: string;
  action: (typeof ADMIN_ACTIONS)[number];
  label: string;
  pendingText: string;
  destructive?: boolean;
  /** For "Delete account": the name the admin types to confirm. */
  confirmName?: string;
}) {
  const [state, formAction, pending] = useActionState(adminUserAction, {});
  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="action" value={action} />
      {state.formError ? <Alert variant="error">{state.formError}</Alert> : null}
      {confirmName ? (
        <FormField label="Type the username to confirm" error={state.fieldErrors?.confirmUsername} hint={`The username is ${confirmName}.`}>
          {(field) => <Input {...field} name="confirmUsername" autoComplete="off" autoCapitalize="none" spellCheck={false} required className="max-w-sm" />}
        </FormField>
      ) : null}
      <SubmitButton pending={pending} pendingText={pendingText} variant={destructive ? "destructive" : "outline"} className="justify-self-start">
        {label}
      </SubmitButton>
    </form>
  );
}
