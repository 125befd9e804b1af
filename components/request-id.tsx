"use client";

import { createContext, useContext } from "react";
import type * as React from "react";

const RequestIdContext = createContext<string | null>(null);

/** Makes the id of the request that rendered the page known to error pages below it. */
export function RequestIdProvider({ id, children }: { id: string | null; children: React.ReactNode }) {
  return <RequestIdContext value={id}>{children}</RequestIdContext>;
}

export const useRequestId = () => useContext(RequestIdContext);
