import Link from "next/link";

/** "Dashboard / <page>" above a page under the dashboard. */
export function DashboardBreadcrumb({ page }: { page: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
      <Link href="/dashboard" className="underline-offset-4 hover:underline">
        Dashboard
      </Link>{" "}
      / {page}
    </nav>
  );
}
