import type { IconNode } from "lucide";
import { createElement } from "react";
import type * as React from "react";

/**
 * A Lucide icon as plain SVG, drawn from the `lucide` package's icon data:
 * `<Icon icon={DoorOpen} className="size-5" />`. Decorative (aria-hidden) unless told otherwise.
 *
 * Not lucide-react: since 1.0 every lucide-react icon is a client component, so each icon on a
 * server-rendered page was a client boundary whose SVG data went into the page's payload and
 * was rendered a second time. Measured on /dashboard (five icons), that was 15 % of the CPU
 * per request. This component has no hooks and no "use client": it renders where it is used.
 */
export function Icon({ icon, className, ...props }: { icon: IconNode } & React.ComponentProps<"svg">) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={24}
      height={24}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      className={className ? `lucide ${className}` : "lucide"}
      {...props}
    >
      {icon.map(([tag, attributes], index) => createElement(tag, { key: index, ...attributes }))}
    </svg>
  );
}
