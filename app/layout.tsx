import type { Metadata, Viewport } from "next";
import { APP_DESCRIPTION, APP_TITLE, BODY_CLASS, HOME_SCREEN_TITLE, THEME_COLOUR } from "@/components/layout/document-head";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: APP_TITLE, template: `%s · ${APP_TITLE}` },
  description: APP_DESCRIPTION,
  // Home screen on iOS (Android reads app/manifest.ts); the icons come from app/icon.svg, app/apple-icon.png, app/favicon.ico.
  appleWebApp: { capable: true, title: HOME_SCREEN_TITLE, statusBarStyle: "black-translucent" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, viewportFit: "cover", themeColor: THEME_COLOUR };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className={BODY_CLASS}>
        {children}
      </body>
    </html>
  );
}
