import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { diagramDot } from '../scripts/lib/diagram';
import { REPO_ROOT, committedStack } from './helpers';
import { scratchDir } from './scratch';

describe('architecture diagram', () => {
  // The stacks are built once; each test draws its own diagram from them, so the drawing code
  // runs inside tests (npm run mutate traces it to them instead of treating it as module-load code).
  const prodJson = committedStack('prod').toTerraform();
  const devJson = committedStack('dev').toTerraform();
  const prodDot = () => diagramDot(prodJson, 'Platform: prod');
  const devDot = () => diagramDot(devJson, 'Platform: dev');

  test('a cluster per region with its three tiers, primary marked', () => {
    const prod = prodDot();
    for (const region of ['us_east_1', 'us_west_2', 'eu_west_1']) {
      for (const tier of ['public', 'private', 'database']) expect(prod).toContain(`subgraph cluster_${region}_${tier} {`);
    }
    expect(prod).toContain('label="us-east-1 (primary)  VPC 10.30.0.0/16"');
  });

  test('the path load balancer -> instances -> database in every region, and the keys', () => {
    const prod = prodDot();
    for (const region of ['us_east_1', 'us_west_2', 'eu_west_1']) {
      expect(prod).toContain(`alb_${region} -> asg_${region}`);
      expect(prod).toContain(`asg_${region} -> db_${region}`);
      expect(prod).toContain(`key_${region} -> db_${region}`);
    }
  });

  test('global replication from the primary to each secondary (prod), none for regional clusters (dev)', () => {
    const [prod, dev] = [prodDot(), devDot()];
    expect(prod.match(/global replication/g)).toHaveLength(2);
    expect(prod).toContain('db_us_east_1 -> db_us_west_2');
    expect(prod).toContain('Secret platform/prod/database/master\\nreplicas: us-west-2, eu-west-1');
    expect(dev).not.toContain('global replication');
    expect(dev).toContain('Aurora PostgreSQL regional');
  });

  test('prod and dev, line for line (a reviewed snapshot: any change to the drawing shows here)', () => {
    expect(prodDot()).toMatchSnapshot('prod');
    expect(devDot()).toMatchSnapshot('dev');
  });

  test('what a stack may lack: no latency records, no names, an untagged subnet, a regional cluster, a secret without replicas', () => {
    const stack = {
      provider: { aws: [{ alias: 'a', region: 'r-1' }] },
      resource: {
        aws_subnet: { s: { provider: 'aws.a' }, t: { provider: 'aws.a', tags: { Tier: 'public' } } },
        aws_rds_cluster: { c: { provider: 'aws.a' } },
        aws_route53_record: { plain: { name: 'not-latency' } },
        aws_rds_global_cluster: { g: { global_cluster_identifier: 'g' } },
        aws_secretsmanager_secret: { s: { name: 'sec' } },
      },
    };
    const dot = diagramDot(stack, 'T');
    expect(dot).toContain('label="r-1  VPC "');
    expect(dot).toContain('label="public subnets x1"');
    expect(dot).toContain('label="private (application) subnets x0"');
    expect(dot).toContain('alb_r_1 [label="ALB \\n", fillcolor="#d7ecff"];');
    expect(dot).toContain('asg_r_1 [label="Auto Scaling group\\n x ", fillcolor="#ffe9cc"];');
    expect(dot).toContain('db_r_1 [label="Aurora PostgreSQL regional\\n\\n0 instance(s)"');
    expect(dot).toContain('key_r_1 [label="KMS key\\n(rotation on)"');
    expect(dot).toContain('  users -> alb_r_1 [label="HTTP(S)"];');
    // No primary region: neither the global database nor the secret is drawn.
    expect(dot).not.toMatch(/dns|global|secret/);
    expect(dot.endsWith('}\n')).toBe(true);
  });

  test('the primary is the member that holds the credentials (a password or a user name)', () => {
    const member = (extra: object) => ({
      provider: { aws: [{ alias: 'a', region: 'r-1' }] },
      resource: {
        aws_rds_cluster: { c: { provider: 'aws.a', global_cluster_identifier: 'g', ...extra } },
        aws_secretsmanager_secret: { s: { name: 'sec' } },
      },
    });
    expect(diagramDot(member({ master_username: 'u' }), 'T')).toContain('secret [label="Secret sec\\nreplicas: ", shape=note');
    expect(diagramDot(member({ master_password_wo: 'p' }), 'T')).toContain('label="r-1 (primary)  VPC "');
    expect(diagramDot(member({}), 'T')).toContain('Aurora PostgreSQL secondary');
  });

  // As a process, as `npm run diagram` runs: the renderer ships only as an ES module, which Node
  // loads natively; inside jest it would have to be transformed to CommonJS (800 KB, every cold run).
  test('npm run diagram renders docs/diagram-<env>.svg with Graphviz (WebAssembly)', () => {
    const out = scratchDir('diagram');
    const r = spawnSync('npm', ['run', '-s', 'diagram', '--', '--env', 'dev', '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`wrote ${path.relative(REPO_ROOT, path.join(out, 'diagram-dev.svg'))}\n`);
    const svg = readFileSync(path.join(out, 'diagram-dev.svg'), 'utf8');
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*Platform: dev[\s\S]*<\/svg>\s*$/);
  }, 60_000);

  test('npm run diagram -- --env production: one line naming what it takes, exit 1, nothing written', () => {
    const out = scratchDir('diagram-refused');
    const r = spawnSync(process.execPath, ['scripts/run-app.cjs', 'scripts/diagram.ts', '--env', 'production', '--out', out], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Unknown environment "production"; expected one of dev, staging, prod or all.\n',
    });
    expect(readdirSync(out)).toEqual([]);
  });
});
