"use client";

import * as LabelPrimitive from "@radix-ui/react-label";
import type * as React from "react";
import { cx } from "@/lib/class-names";

export function Label({ className, ...props }: React.ComponentProps<typeof LabelPrimitive.Root>) {
  return (
    <LabelPrimitive.Root
      className={cx("text-sm font-medium leading-none text-foreground peer-disabled:opacity-70", className)}
      {...props}
    />
  );
}
