import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './environments';

/**
 * Runs bootstrap.ts as `npm run bootstrap:synth` does, with CDKTF_OUTDIR two folders below `root`
 * (bootstrap.ts creates the missing parents); returns the process result and the stack JSON.
 */
export function runBootstrap(env: Record<string, string>, root: string) {
  const outdir = path.join(root, 'out', 'cdktf.out.bootstrap');
  const base = { ...process.env };
  delete base.ENVIRONMENT;
  const r = spawnSync(process.execPath, ['scripts/run-app.cjs', 'bootstrap.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...base, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir, ...env },
  });
  const file = path.join(outdir, 'stacks', 'state-bootstrap', 'cdk.tf.json');
  return { r, stackDir: path.dirname(file), json: r.status === 0 ? JSON.parse(readFileSync(file, 'utf8')) : undefined };
}
