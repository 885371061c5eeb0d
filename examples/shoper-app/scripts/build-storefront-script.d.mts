/** A browser entry bundled into one minified classic script (IIFE), as text. */
export function bundleForBrowser(entry: string): Promise<string>;
/** The storefront script's text (src/kasa-shoper.ts bundled). */
export function buildStorefrontScript(): Promise<string>;
