import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { describeActivity, parseDetails } from "@/lib/activity/describe";
import { activityPage } from "@/lib/admin/users";
import { requireAdmin } from "@/lib/auth/session";
import { SECURITY_EVENTS } from "@/lib/log";
import { formatDateTime } from "../format";
import { DataTable } from "../data-table";
import { Pager } from "../pager";

export const metadata: Metadata = { title: "Activity · Admin" };

export default async function AdminActivityPage({ searchParams }: PageProps<"/admin/activity">) {
  await requireAdmin();
  const { type, user, page, rows, more, names, unknownUser } = await activityPage(await searchParams);
  const hrefFor = (to: number) => {
    const query = new URLSearchParams();
    if (type) query.set("type", type);
    if (user) query.set("user", user);
    if (to > 1) query.set("page", String(to));
    return `/admin/activity${query.size ? `?${query}` : ""}`;
  };
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "deleted account") : "—");

  return (
    <section className="grid gap-4" aria-labelledby="activity-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h2 id="activity-heading" className="text-xl font-semibold">
          Activity
        </h2>
        <form action="/admin/activity" method="get" className="flex flex-wrap items-end gap-2">
          <div className="grid gap-2">
            <label htmlFor="type" className="text-sm font-medium">
              Type
            </label>
            <select id="type" name="type" defaultValue={type} className="h-10 rounded-md border border-input bg-card px-3 text-sm">
              <option value="">All types</option>
              {SECURITY_EVENTS.map((event) => (
                <option key={event} value={event}>
                  {event}
                </option>
              ))}
            </select>
          </div>
          <div className="grid gap-2">
            <label htmlFor="user" className="text-sm font-medium">
              User
            </label>
            <Input id="user" name="user" defaultValue={user} placeholder="Username, email or id" className="w-56" />
          </div>
          <Button type="submit" variant="outline">
            Filter
          </Button>
        </form>
      </div>

      <DataTable
        columns={["Time", "Event", "About", "By", "IP", "Device"].map((label) => ({ label }))}
        empty={rows.length > 0 ? null : unknownUser ? "No user matches that name." : "No events match."}
      >
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(row.createdAt)}</td>
            <td className="px-3 py-2">
              {describeActivity(row)} <span className="text-xs text-muted-foreground">({row.type})</span>
            </td>
            <td className="px-3 py-2">
              {row.userId && names.has(row.userId) ? (
                <Link href={`/admin/users/${row.userId}`} className="text-primary hover:underline">
                  {nameOf(row.userId)}
                </Link>
              ) : (
                nameOf(row.userId)
              )}
            </td>
            <td className="px-3 py-2">{row.actorId ? nameOf(row.actorId) : parseDetails(row.details).via === "command line" ? "command line" : "—"}</td>
            <td className="px-3 py-2">{row.ip ?? "—"}</td>
            <td className="px-3 py-2">{row.device ?? "—"}</td>
          </tr>
        ))}
      </DataTable>

      <Pager previous={page > 1 ? hrefFor(page - 1) : null} next={more ? hrefFor(page + 1) : null} label={`Page ${page}`} />
    </section>
  );
}
