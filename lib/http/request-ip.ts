import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";

/** The address of the client of the request being handled (see lib/http/client-ip.ts). */
export const requestIp = async () => clientIp(await headers(), env.TRUST_PROXY);
