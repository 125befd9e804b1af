import "server-only";
import { parseEnv } from "./env-schema";

/** Settings, read and validated once. Import this instead of reading process.env. */
export const env = parseEnv(process.env);
