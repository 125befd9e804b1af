import { clsx } from "clsx";

/**
 * Joins class names, for the primitives the browser runs (button, input, label, alert): no
 * tailwind-merge, a ninth of the sign-in page's JavaScript. Their callers add utilities of
 * other kinds; where one narrows another (`pr-11` on `px-3`), Tailwind's own order (longhand
 * after shorthand) already lets it win.
 */
export const cx = clsx;
