import type * as React from "react";
import { Input } from "@/components/ui/input";

/** An email field as every form here wants it: the right keyboard, autofill and no spell check. */
export function EmailInput(props: React.ComponentProps<typeof Input>) {
  return <Input type="email" autoComplete="email" spellCheck={false} required {...props} />;
}
