const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** "Nov 30, 2026, 4:05 AM" (UTC), or a dash. */
export const formatDateTime = (value: Date | null) => (value ? `${dateTime.format(value)} UTC` : "—");
export const formatDate = (value: Date | null) => (value ? date.format(value) : "—");
