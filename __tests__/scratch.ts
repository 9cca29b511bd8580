/**
 * Temporary directories of one test file, all under one root that `__tests__/setup.ts` removes
 * after the file's tests (a test run leaves nothing in the temp folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

let root: string | undefined;

/** A new directory under this test file's scratch root. */
export function scratchDir(prefix: string): string {
  // Under the run's folder (global-setup.ts) when jest made one; the temp folder otherwise.
  root ??= mkdtempSync(path.join(process.env.PLATFORM_TEST_TMP ?? tmpdir(), 'platform-test-'));
  return mkdtempSync(path.join(root, `${prefix}-`));
}

/** Removes the scratch root (setup.ts, after each test file). */
export function removeScratch(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
}
