import type * as React from "react";

export type Column = { label: React.ReactNode; sort?: "ascending" | "descending" };

/** The admin area's tables: a header row of columns, the rows, and a line when there are none. */
export function DataTable({ columns, empty, children }: { columns: Column[]; empty: string | null; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-md border bg-card">
      <table className="w-full text-left text-sm">
        <thead className="border-b bg-muted/50 text-xs uppercase tracking-wide text-muted-foreground">
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className="px-3 py-2" aria-sort={column.sort}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y">
          {children}
          {empty ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-muted-foreground">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
