import "server-only";
import { databaseAnswers } from "@/lib/db/ping";

/** Whether the app can serve: its database answers. */
export async function isHealthy(): Promise<boolean> {
  return databaseAnswers();
}
