import * as path from 'node:path';
import { App } from 'cdktf';
import { reportingConfigErrors, loadAllEnvironments } from './src/config/loader';
import { BOOTSTRAP_STACK_NAME, StateBootstrapStack } from './src/stacks/state-bootstrap-stack';

// The state bucket(s) of every environment, created once per account with a local backend.
function main(): void {
  const configs = loadAllEnvironments(process.env.CONFIG_DIR ?? path.join(__dirname, 'environments'));
  const buckets = new Map(Object.values(configs).map((c) => [c.backend.bucket, { bucket: c.backend.bucket, region: c.backend.region }]));
  const first = Object.values(configs)[0]!;
  const app = new App();
  new StateBootstrapStack(app, BOOTSTRAP_STACK_NAME, {
    buckets: [...buckets.values()],
    tags: { ...first.tags, Project: first.project, Environment: 'shared', ManagedBy: 'cdktf' },
    noncurrentVersionDays: 90,
  });
  app.synth();
}

reportingConfigErrors(main);
