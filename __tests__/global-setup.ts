/**
 * Jest globalSetup: one temp folder for the whole run, under which every test file's scratch root
 * goes (scratch.ts). A file's own afterAll removes its root, but jest skips a file's hooks when a
 * filter (-t, a mutation run) selects none of its tests, while the file's module-level code has
 * already built stacks into scratch folders; globalTeardown removes what such files left.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export default function globalSetup(): void {
  // Workers start after this and inherit the variable.
  process.env.PLATFORM_TEST_TMP = mkdtempSync(path.join(tmpdir(), 'platform-test-run-'));
}
