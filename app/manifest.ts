// The web app manifest (served at /manifest.webmanifest, public: lib/auth/request-gate.ts), so
// homey-admin can be put on a phone's home screen. Fixed text only: nothing from the draft,
// not even the domain, since anyone may fetch it.
import type { MetadataRoute } from "next";
import { APP_DESCRIPTION, APP_TITLE, HOME_SCREEN_TITLE, THEME_COLOUR } from "@/components/layout/document-head";

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: APP_TITLE,
    short_name: HOME_SCREEN_TITLE,
    description: APP_DESCRIPTION,
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: THEME_COLOUR,
    theme_color: THEME_COLOUR,
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
    ],
  };
}
