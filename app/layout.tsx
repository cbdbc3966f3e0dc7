import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "homey-admin", template: "%s · homey-admin" },
  description: "Edit, commit and deploy the homey NixOS homelab.",
  // Home screen on iOS (Android reads app/manifest.ts); the icons come from app/icon.svg, app/apple-icon.png, app/favicon.ico.
  appleWebApp: { capable: true, title: "homey", statusBarStyle: "black-translucent" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, viewportFit: "cover", themeColor: "#0f172a" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
      </body>
    </html>
  );
}
