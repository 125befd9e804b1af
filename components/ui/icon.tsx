import type { IconNode } from "lucide";
import { createElement } from "react";
import type * as React from "react";

/**
 * A Lucide icon as plain SVG, drawn from the `lucide` package's icon data:
 * `<Icon icon={DoorOpen} className="size-5" />`. Decorative (aria-hidden) unless told otherwise.
 *
 * Not lucide-react: since 1.0 every lucide-react icon is a client component, so each icon on a
 * server-rendered page was a client boundary (a module reference in the page's payload, and a
 * second render). This component has no hooks and no "use client": it renders where it is
 * used. Measured on /dashboard (five icons): taking the icons off saved 11-15 % of its CPU per
 * request; this component instead of lucide-react's measured 0.96 and 1.03 x in two runs, so
 * most of an icon's cost is its SVG, which both draw.
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
