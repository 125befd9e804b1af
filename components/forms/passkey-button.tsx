"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/ui/icon";

/**
 * A button that runs a passkey ceremony (`run`, which answers with an error message or
 * nothing), showing its error above it: the one shape of every passkey button.
 */
export function PasskeyButton({
  children,
  run,
  variant,
  className,
}: {
  children: React.ReactNode;
  run: () => Promise<string | undefined | void>;
  variant?: React.ComponentProps<typeof Button>["variant"];
  className?: string;
}) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="grid gap-3">
      {error ? <Alert variant="error">{error}</Alert> : null}
      <Button
        type="button"
        variant={variant}
        className={className}
        disabled={pending}
        onClick={() => {
          setError(undefined);
          startTransition(async () => {
            const message = await run();
            if (message) setError(message);
          });
        }}
      >
        <Icon className="icon-[lucide--key-round]" />
        {children}
      </Button>
    </div>
  );
}
