import type * as React from "react";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return <div className="flex justify-center sm:pt-4">{children}</div>;
}
