"use client";

import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/ui/icon";

/** A submit button that shows progress and refuses double submits while its form is pending. */
export function SubmitButton({
  pending,
  pendingText,
  children,
  ...props
}: React.ComponentProps<typeof Button> & { pending: boolean; pendingText: string }) {
  return (
    <Button type="submit" aria-disabled={pending} disabled={pending} {...props}>
      {pending ? (
        <>
          <Icon className="icon-[lucide--loader-circle] animate-spin" />
          <span>{pendingText}</span>
        </>
      ) : (
        children
      )}
    </Button>
  );
}
