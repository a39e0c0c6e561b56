// The site icon, a small SVG (a speech bubble in the brand blue with 钱's initial Q): served at
// /favicon.svg and /favicon.ico so no browser logs a 404 for it.

/** The icon's SVG markup. */
export const FAVICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="3" width="28" height="22" rx="7" fill="#1f5fbf"/><path d="M9 24l-2 6 8-6z" fill="#1f5fbf"/><circle cx="16" cy="14" r="6" fill="none" stroke="#fff" stroke-width="2.6"/><path d="M18.5 16.5l3.5 3.5" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/></svg>';

/** The <link> every page of the app puts in its head. */
export const FAVICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';
