"use client";

import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import type { Flash } from "@/lib/flash";

/** Shows a one-time message and clears its cookie so it is not shown again. */
export function FlashMessage({ flash }: { flash: Flash }) {
  // Keyed on the message object: each server render that carries a flash brings a new one,
  // even when React keeps this component mounted across navigations.
  useEffect(() => {
    document.cookie = "flash=; Max-Age=0; Path=/; SameSite=Lax";
  }, [flash]);
  return (
    <Alert variant={flash.kind} className="mx-auto mb-6 w-full max-w-md">
      {flash.text}
    </Alert>
  );
}
