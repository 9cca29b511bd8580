/**
 * Jest globalSetup: one temp folder for the whole run, under which every test file's scratch root
 * goes (scratch.ts). A file's own afterAll removes its root, but jest skips a file's hooks when a
 * filter (-t, a mutation run) selects none of its tests, while the file's module-level code has
 * already built stacks into scratch folders; globalTeardown removes what such files left.
 *
 * The folder is named after the process that made it (platform-test-run-<pid>-*). A run killed
 * before its globalTeardown (a mutation run's timeout, Ctrl-C) cannot remove its folder; the next
 * run removes every such folder whose process is gone.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Whether a process with this id exists (EPERM: it does, under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes this user's run folders in `tmp` whose process is gone; returns their names. Another
 * user's folder is left alone (its process may live where this one cannot see it, and this user
 * could not remove it), and a folder that cannot be removed never fails the run.
 */
export function removeOrphanRunFolders(
  tmp: string,
  alive: (pid: number) => boolean = isAlive,
  ours: (dir: string) => boolean = (dir) => statSync(dir).uid === process.getuid?.(),
): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(tmp)) {
    const pid = /^platform-test-run-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    const dir = path.join(tmp, name);
    try {
      if (!ours(dir)) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: the next run tries again.
    }
  }
  return removed;
}

export default function globalSetup(): void {
  removeOrphanRunFolders(tmpdir());
  // Workers start after this and inherit the variable.
  process.env.PLATFORM_TEST_TMP = mkdtempSync(path.join(tmpdir(), `platform-test-run-${process.pid}-`));
}
