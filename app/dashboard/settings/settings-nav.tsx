"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import type { SettingsSection } from "./sections";

/** The settings menu: a column beside the page on wide screens, wrapping links above it on a phone. */
export function SettingsNav({ sections }: { sections: readonly SettingsSection[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {sections.map((section) => {
          const current = pathname === section.href;
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  current ? "bg-accent text-foreground" : "text-muted-foreground",
                  section.href.endsWith("delete-account") && !current && "text-destructive",
                )}
              >
                {section.title}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
