/**
 * Real files made by other tools live in `../shared/samples` (a sibling of the project root).
 * Tests that need them use `describeWithSamples`: skipped with a clear message when the folder is
 * absent, failing instead when `REQUIRE_SHARED=1` (CI).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** Absolute path of `../shared/samples` (or of `$SOCPREV_SHARED_DIR/samples` when set). */
export const sharedSamplesDir = process.env.SOCPREV_SHARED_DIR
  ? join(process.env.SOCPREV_SHARED_DIR, 'samples')
  : fileURLToPath(new URL('../../../shared/samples', import.meta.url));

/** True when the samples folder exists. */
export const sharedSamplesPresent = existsSync(sharedSamplesDir);

/** True when the environment demands the samples (`REQUIRE_SHARED=1`). */
export const sharedSamplesRequired = process.env.REQUIRE_SHARED === '1';

/** Path of one sample file, e.g. `samplePath('subtitles', 'webvttpy_empty.vtt')`. */
export function samplePath(...parts: string[]): string {
  return join(sharedSamplesDir, ...parts);
}

/**
 * `describe` for tests that read `../shared/samples`.
 * - folder present: runs `body`;
 * - folder absent: skips, the suite title saying `../shared/samples is absent`;
 * - folder absent and `REQUIRE_SHARED=1`: one failing test says so.
 */
export function describeWithSamples(name: string, body: () => void): void {
  if (sharedSamplesPresent) {
    describe(name, body);
  } else if (sharedSamplesRequired) {
    describe(name, () => {
      it('needs ../shared/samples', () => {
        throw new Error(`../shared/samples is absent (looked in ${sharedSamplesDir}) and REQUIRE_SHARED=1 requires it.`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ../shared/samples is absent (${sharedSamplesDir}). Set REQUIRE_SHARED=1 to make this a failure.`);
    describe.skip(`${name} — skipped: ../shared/samples is absent (${sharedSamplesDir})`, body);
  }
}
