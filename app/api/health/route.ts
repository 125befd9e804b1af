import { databaseAnswers } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  if (await databaseAnswers()) return Response.json({ status: "ok" });
  return Response.json({ status: "unavailable" }, { status: 503 });
}
