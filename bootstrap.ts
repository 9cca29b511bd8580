import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { stateAccountOf, stateKeyAlias, stateRoleName } from './src/config/backend';
import { ConfigError, isEnvironmentName, loadAllEnvironments, reportingConfigErrors } from './src/config/loader';
import { ENVIRONMENT_NAMES, EnvironmentConfig, EnvironmentName } from './src/config/schema';
import { BOOTSTRAP_STACK_NAME, StateAccessRole, StateBootstrapStack } from './src/stacks/state-bootstrap-stack';

/**
 * The state bucket of one environment (ENVIRONMENT), with its key and, for a central state
 * account, the roles of every environment that shares the bucket. Run once per state account.
 */
function main(): void {
  const configs = loadAllEnvironments(process.env.CONFIG_DIR ?? path.join(__dirname, 'environments'));
  const env = process.env.ENVIRONMENT;
  if (!env || !isEnvironmentName(env)) {
    throw new ConfigError([
      {
        file: '(environment selection)',
        path: 'ENVIRONMENT',
        message: `required: the environment whose state bucket to create (one state account at a time); expected one of ${ENVIRONMENT_NAMES.join(', ')}`,
        value: env,
      },
    ]);
  }
  const config = configs[env];
  const sharing = (Object.entries(configs) as [EnvironmentName, EnvironmentConfig][]).filter(
    ([, c]) => c.backend.bucket === config.backend.bucket,
  );
  const roles = new Map<string, { trusted: Set<string>; keys: string[] }>();
  for (const [name, c] of sharing) {
    if (!c.backend.roleArn) continue;
    const entry = roles.get(c.backend.roleArn) ?? { trusted: new Set<string>(), keys: [] };
    entry.trusted.add(c.accountId);
    entry.keys.push(`${c.backend.workspaceKeyPrefix}/${name}/${c.backend.key}`);
    roles.set(c.backend.roleArn, entry);
  }
  const accessRoles: StateAccessRole[] = [...roles].map(([arn, r]) => ({
    roleName: stateRoleName(arn),
    trustedAccountIds: [...r.trusted].sort(),
    stateKeys: r.keys,
  }));
  // cdktf's App creates CDKTF_OUTDIR but not its parents (a stack trace when they are missing).
  if (process.env.CDKTF_OUTDIR) mkdirSync(process.env.CDKTF_OUTDIR, { recursive: true });
  const app = new App();
  new StateBootstrapStack(app, BOOTSTRAP_STACK_NAME, {
    bucket: config.backend.bucket,
    region: config.backend.region,
    accountId: stateAccountOf(config),
    keyAlias: stateKeyAlias(config.project),
    accessRoles,
    replicaRegion: config.backend.replicaRegion,
    tags: { ...config.tags, Project: config.project, Environment: 'shared', ManagedBy: 'cdktf' },
    noncurrentVersionDays: 90,
  });
  app.synth();
}

reportingConfigErrors(main);
