"use client";
// The navigation with the App Router's current path (usePathname needs a client component;
// the layout itself stays a server component).
import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";
import { NavLinks } from "./nav-links";
import { TabBar } from "./tab-bar";

export function CurrentNavLinks(props: Omit<ComponentProps<typeof NavLinks>, "pathname">) {
  return <NavLinks pathname={usePathname()} {...props} />;
}

export function CurrentTabBar(props: Omit<ComponentProps<typeof TabBar>, "pathname">) {
  return <TabBar pathname={usePathname()} {...props} />;
}
