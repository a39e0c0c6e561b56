import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by .ci/run (no browser download happens anywhere). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. Without Chromium they are skipped with a loud message, except when
 * REQUIRE_BROWSER=1 (set by .ci/run): then the missing browser is a failure, not a silent skip.
 */
export function browserAvailable(): boolean {
  const ok = existsSync(CHROMIUM);
  if (!ok) {
    const msg = `\n!!! Browser tests need Chromium at ${CHROMIUM} (apt-get install chromium). !!!\n`;
    if (process.env['REQUIRE_BROWSER'] === '1') throw new Error(`${msg}REQUIRE_BROWSER=1 forbids skipping them.`);
    process.stderr.write(`${msg}!!! Skipping them.\n\n`);
  }
  return ok;
}

/** Launches headless Chromium with the flags this machine needs (no sandbox as root, no background traffic). */
export async function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a fresh, empty profile of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}
