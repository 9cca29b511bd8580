/** Jest globalTeardown: removes the run's temp folder (global-setup.ts says why). */
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.PLATFORM_TEST_TMP;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
