import type { Metadata } from "next";
import { connection } from "next/server";
import { inter } from "@/app/fonts";
import { Toaster } from "@/components/ui/toaster";
import { HydrationMarker } from "@/components/shell/hydration-marker";
import "@/app/globals.css";

export const metadata: Metadata = {
  title: { default: "tiergate", template: "%s · tiergate" },
  description: "Plans decide what your team may do; passkeys prove who is doing it.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next stamps the request's CSP nonce (proxy.ts) on its
  // scripts while rendering, and a page prerendered at build time would carry none.
  await connection();
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen antialiased">
        {children}
        <Toaster />
        <HydrationMarker />
      </body>
    </html>
  );
}
