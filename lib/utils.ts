import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names and lets a later Tailwind utility replace an earlier one of its kind
 * (`cn("text-2xl", "text-xl")` is `text-xl`). For server components: tailwind-merge never
 * reaches the browser from here.
 */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
