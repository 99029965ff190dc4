import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

/** Debian's Chromium (or CHROMIUM_PATH); null when absent. */
export const chromiumPath: string | null = (() => {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    return found && fs.existsSync(found) ? found : null;
  } catch {
    return null;
  }
})();

/**
 * `describe` for browser tests: skipped with a clear message when Chromium is missing,
 * but failing when REQUIRE_BROWSER=1 (CI), so the end-to-end tests never silently vanish.
 */
export function describeBrowser(name: string, body: () => void) {
  if (!chromiumPath) {
    if (process.env.REQUIRE_BROWSER === '1') throw new Error('REQUIRE_BROWSER=1 but Chromium was not found (apt-get install chromium)');
    console.warn(`[skipped] ${name}: Chromium is not installed (apt-get install chromium)`);
    return describe.skip(name, body);
  }
  return describe(name, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
