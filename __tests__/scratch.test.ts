import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './environments';
import { removeOrphanRunFolders } from './global-setup';
import { scratchDir } from './scratch';

// "Test runs leave no directories behind in the temp folder", also when a filter skips every test
// of a file whose module-level code already made scratch folders (jest then skips its afterAll).
test('a jest run whose filter skips every test of a file leaves nothing in the temp folder', () => {
  const tmp = scratchDir('tmpdir');
  // The child makes its own run folder under its TMPDIR, not under this run's.
  const { PLATFORM_TEST_TMP: _, ...outer } = process.env;
  const r = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '__tests__/plan-input.test.ts', '-t', 'no test has this name'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...outer, TMPDIR: tmp } },
  );
  expect(r.stderr).toContain('Tests:       18 skipped, 18 total');
  expect(readdirSync(tmp).filter((name) => name.startsWith('platform-test'))).toEqual([]);
}, 60_000);

test('a run removes the run folders of runs killed before their teardown, and only those', () => {
  const tmp = scratchDir('tmpdir');
  // A process that has ended, this process, and a folder of the older naming without a process id.
  const ended = spawnSync(process.execPath, ['-e', '']).pid;
  for (const name of [`platform-test-run-${ended}-aaaaaa`, `platform-test-run-${process.pid}-bbbbbb`, 'platform-test-run-cccccc']) {
    mkdirSync(path.join(tmp, name, 'platform-test-x'), { recursive: true });
  }
  expect(removeOrphanRunFolders(tmp)).toEqual([`platform-test-run-${ended}-aaaaaa`]);
  expect(readdirSync(tmp).sort()).toEqual([`platform-test-run-${process.pid}-bbbbbb`, 'platform-test-run-cccccc']);
});

test("another user's run folder is left alone, even when its process is not to be seen", () => {
  const tmp = scratchDir('tmpdir');
  const ended = spawnSync(process.execPath, ['-e', '']).pid;
  for (const name of [`platform-test-run-${ended}-mine`, `platform-test-run-${ended}-theirs`]) mkdirSync(path.join(tmp, name));
  const ours = (dir: string) => !dir.endsWith('-theirs');
  expect(removeOrphanRunFolders(tmp, () => false, ours)).toEqual([`platform-test-run-${ended}-mine`]);
  expect(readdirSync(tmp)).toEqual([`platform-test-run-${ended}-theirs`]);
});
