import Link from "next/link";

/** "← Previous", where we are, "Next →": links only where there is a page to go to. */
export function Pager({ previous, next, label }: { previous: string | null; next: string | null; label: string }) {
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 text-sm">
      {previous ? (
        <Link href={previous} className="font-medium text-primary hover:underline">
          ← Previous
        </Link>
      ) : (
        <span aria-hidden />
      )}
      <span className="text-muted-foreground">{label}</span>
      {next ? (
        <Link href={next} className="font-medium text-primary hover:underline">
          Next →
        </Link>
      ) : (
        <span aria-hidden />
      )}
    </nav>
  );
}
