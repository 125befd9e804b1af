import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { type UserListParams, userListParams, usersPage } from "@/lib/admin/users";
import { requireAdmin } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "../format";
import { DataTable } from "../data-table";
import { Pager } from "../pager";

export const metadata: Metadata = { title: "Users · Admin" };

/** The query string of this list with some parameters changed (the page goes back to 1 unless given). */
function hrefWith(params: UserListParams, change: Partial<UserListParams>) {
  const next = { ...params, page: 1, ...change };
  const query = new URLSearchParams();
  if (next.search) query.set("search", next.search);
  if (next.sort !== "created") query.set("sort", next.sort);
  if (next.direction !== "desc") query.set("direction", next.direction);
  if (next.page > 1) query.set("page", String(next.page));
  const text = query.toString();
  return text ? `/admin/users?${text}` : "/admin/users";
}

function SortLink({ params, sort, children }: { params: UserListParams; sort: UserListParams["sort"]; children: string }) {
  const active = params.sort === sort;
  const direction = active && params.direction === "desc" ? "asc" : "desc";
  return (
    <Link href={hrefWith(params, { sort, direction })} className="inline-flex items-center gap-1 hover:underline" aria-label={`Sort by ${children.toLowerCase()}`}>
      {children}
      {active ? <span aria-hidden>{params.direction === "desc" ? "↓" : "↑"}</span> : null}
    </Link>
  );
}

const ariaSort = (params: UserListParams, sort: UserListParams["sort"]) =>
  params.sort === sort ? (params.direction === "asc" ? ("ascending" as const) : ("descending" as const)) : undefined;

export default async function AdminUsersPage({ searchParams }: PageProps<"/admin/users">) {
  await requireAdmin();
  const params = userListParams(await searchParams);
  const { rows, total, pages } = await usersPage(params);
  const page = Math.min(params.page, pages);

  return (
    <section className="grid gap-4" aria-labelledby="users-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h2 id="users-heading" className="text-xl font-semibold">
          Users <span className="text-base font-normal text-muted-foreground">({total.toLocaleString("en")})</span>
        </h2>
        <form action="/admin/users" method="get" role="search" className="flex items-end gap-2">
          <div className="grid gap-2">
            <label htmlFor="search" className="text-sm font-medium">
              Search
            </label>
            <Input id="search" name="search" type="search" defaultValue={params.search} placeholder="Username or email" className="w-64" />
          </div>
          {params.sort !== "created" ? <input type="hidden" name="sort" value={params.sort} /> : null}
          {params.direction !== "desc" ? <input type="hidden" name="direction" value={params.direction} /> : null}
          <Button type="submit" variant="outline">
            Search
          </Button>
        </form>
      </div>

      <DataTable
        columns={[
          { label: "Username" },
          { label: "Email" },
          { label: "Verified" },
          { label: "Two-factor" },
          { label: <SortLink params={params} sort="created">Created</SortLink>, sort: ariaSort(params, "created") },
          { label: <SortLink params={params} sort="seen">Last seen</SortLink>, sort: ariaSort(params, "seen") },
          { label: "Status" },
        ]}
        empty={rows.length > 0 ? null : "No users match."}
      >
        {rows.map((user) => (
          <tr key={user.id}>
            <td className="px-3 py-2 font-medium">
              <Link href={`/admin/users/${user.id}`} className="text-primary hover:underline">
                {user.username ?? "(no username yet)"}
              </Link>
              {user.role === "admin" ? <span className="ml-2 rounded bg-accent px-1.5 py-0.5 text-xs">admin</span> : null}
            </td>
            <td className="px-3 py-2 break-all">{user.email}</td>
            <td className="px-3 py-2">{user.emailVerified ? "Yes" : "No"}</td>
            <td className="px-3 py-2">{user.twoFactor?.enabledAt ? "On" : "Off"}</td>
            <td className="px-3 py-2 whitespace-nowrap">{formatDate(user.createdAt)}</td>
            <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(user.lastSeenAt)}</td>
            <td className="px-3 py-2">{user.lockedAt ? <span className="font-medium text-destructive">Locked</span> : "Active"}</td>
          </tr>
        ))}
      </DataTable>

      <Pager
        previous={page > 1 ? hrefWith(params, { page: page - 1 }) : null}
        next={page < pages ? hrefWith(params, { page: page + 1 }) : null}
        label={`Page ${page} of ${pages}`}
      />
    </section>
  );
}
