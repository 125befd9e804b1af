import { cookies } from "next/headers";

// One dynamic page: it reads a cookie, so it renders on every request, and shows a paragraph.
export default async function Page() {
  const visitor = (await cookies()).get("visitor")?.value ?? "stranger";
  return <p>Hello, {visitor}.</p>;
}
