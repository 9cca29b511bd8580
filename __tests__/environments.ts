/**
 * The committed environments as tests reach them, without loading cdktf or the stacks: the config,
 * policy and script tests import this, so a mutation run (npm run mutate) reloads little per mutant.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigProblem, loadAllEnvironments } from '../src/config/loader';
import { EnvironmentName } from '../src/config/schema';
import { scratchDir } from './scratch';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const ENV_DIR = path.join(REPO_ROOT, 'environments');
export const ENVIRONMENTS: EnvironmentName[] = ['dev', 'staging', 'prod'];

/**
 * A copy of the committed environments directory with `edit` applied to one file's JSON, for
 * bad-input tests that go through the real loader and file names.
 */
export function editedEnvironments(env: EnvironmentName, edit: (json: any) => void): string {
  const dir = scratchDir('envs');
  cpSync(ENV_DIR, dir, { recursive: true });
  const file = path.join(dir, `${env}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return dir;
}

/** The problems the real loader reports for a directory of environment files (it must reject them). */
export function problemsFor(dir: string): readonly ConfigProblem[] {
  try {
    loadAllEnvironments(dir);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected the configuration to be rejected');
}
