import type * as React from "react";

/**
 * A Lucide icon, drawn by the stylesheet: `<Icon className="icon-[lucide--door-open] size-5" />`.
 * The `icon-[lucide--name]` class is Iconify's Tailwind plugin (globals.css): for each icon the
 * source uses, the built CSS holds its SVG as a mask over the text colour, so a page carries one
 * empty element per icon instead of an SVG tree to render and serialize on every request.
 * 1em square unless sized; decorative (aria-hidden) unless told otherwise.
 */
export function Icon({ className, ...props }: React.ComponentProps<"span"> & { className: string }) {
  return <span aria-hidden className={`icon ${className}`} {...props} />;
}
