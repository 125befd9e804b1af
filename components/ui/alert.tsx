import { cva, type VariantProps } from "class-variance-authority";
import type * as React from "react";
import { cx } from "@/lib/class-names";

const alertVariants = cva("rounded-md border px-4 py-3 text-sm", {
  variants: {
    variant: {
      info: "border-info/40 bg-info/10 text-foreground",
      success: "border-success/40 bg-success/10 text-foreground",
      error: "border-destructive/50 bg-destructive/10 text-foreground",
    },
  },
  defaultVariants: { variant: "info" },
});

export function Alert({
  className,
  variant,
  ...props
}: React.ComponentProps<"div"> & VariantProps<typeof alertVariants>) {
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={cx(alertVariants({ variant }), className)}
      {...props}
    />
  );
}
