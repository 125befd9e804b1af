import "server-only";
import { prisma } from "./client";
import { isUniqueViolation } from "./errors";

/** Records that the account signed in from this browser; false when it had already. */
export async function rememberDevice(userId: string, deviceHash: string): Promise<boolean> {
  try {
    await prisma.knownDevice.create({ data: { userId, deviceHash }, select: { userId: true } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
