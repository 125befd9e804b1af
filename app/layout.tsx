import type { Metadata, Viewport } from "next";
import type * as React from "react";
import { headers } from "next/headers";
import { FlashMessage } from "@/components/flash-message";
import { RequestIdProvider } from "@/components/request-id";
import { SiteHeader } from "./site-header";
import { getCurrentSession } from "@/lib/auth/session";
import { readFlash } from "@/lib/flash";
import { REQUEST_ID_HEADER } from "@/lib/http/request-id";
import { APP_NAME } from "@/lib/site";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: "Sign up, sign in and get to work.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#141824" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [session, flash, requestHeaders] = await Promise.all([getCurrentSession(), readFlash(), headers()]);
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2 focus:ring-2 focus:ring-ring"
        >
          Skip to content
        </a>
        <SiteHeader user={session?.user ?? null} />
        <main id="main" className="mx-auto flex w-full max-w-5xl flex-1 flex-col px-4 py-10">
          {flash ? <FlashMessage flash={flash} /> : null}
          <RequestIdProvider id={requestHeaders.get(REQUEST_ID_HEADER)}>{children}</RequestIdProvider>
        </main>
      </body>
    </html>
  );
}
