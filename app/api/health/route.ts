import { isHealthy } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  if (await isHealthy()) return Response.json({ status: "ok" });
  return Response.json({ status: "unavailable" }, { status: 503 });
}
