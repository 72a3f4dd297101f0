import type { PlaywrightTestOptions } from "@playwright/test";

/** The two screens the store is tried on: a 390×844 phone and a 1440×900 desktop. */
export const screens: { name: string; use: Partial<PlaywrightTestOptions> }[] = [
  { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  { name: "desktop", use: { viewport: { width: 1440, height: 900 } } },
];
