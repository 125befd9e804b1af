import "server-only";
import { PERSONAL_EVENTS } from "@/lib/activity/describe";
import { latestActivityOf } from "@/lib/db/activity";
import { findProfile } from "@/lib/db/users";

export type Profile = { username: string | null; email: string; createdAt: Date; emailVerified: Date | null };

/** The signed-in person's account details for display. */
export async function getProfile(userId: string): Promise<Profile | null> {
  const row = await findProfile(userId);
  return row && { username: row.username, email: row.email, createdAt: row.createdAt, emailVerified: row.emailVerified };
}

/** Whether the person has a password (someone who came through an identity provider may not). */
export { hasPassword } from "@/lib/db/users";

/** The last `take` events of the person's own activity log, newest first, for settings. */
export async function recentActivity(userId: string, take = 20) {
  return (await latestActivityOf(userId, take)).filter((row) => PERSONAL_EVENTS.includes(row.type));
}
