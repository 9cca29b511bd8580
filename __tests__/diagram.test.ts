import { diagramDot, renderSvg } from '../scripts/lib/diagram';
import { testStack } from './helpers';

describe('architecture diagram', () => {
  const prod = diagramDot(testStack('prod').toTerraform(), 'Platform: prod');
  const dev = diagramDot(testStack('dev').toTerraform(), 'Platform: dev');

  test('a cluster per region with its three tiers, primary marked', () => {
    for (const region of ['us_east_1', 'us_west_2', 'eu_west_1']) {
      for (const tier of ['public', 'private', 'database']) expect(prod).toContain(`subgraph cluster_${region}_${tier} {`);
    }
    expect(prod).toContain('label="us-east-1 (primary)  VPC 10.30.0.0/16"');
  });

  test('the path load balancer -> instances -> database in every region, and the keys', () => {
    for (const region of ['us_east_1', 'us_west_2', 'eu_west_1']) {
      expect(prod).toContain(`alb_${region} -> asg_${region}`);
      expect(prod).toContain(`asg_${region} -> db_${region}`);
      expect(prod).toContain(`key_${region} -> db_${region}`);
    }
  });

  test('global replication from the primary to each secondary (prod), none for regional clusters (dev)', () => {
    expect(prod.match(/global replication/g)).toHaveLength(2);
    expect(prod).toContain('db_us_east_1 -> db_us_west_2');
    expect(prod).toContain('Secret platform/prod/database/master\\nreplicas: us-west-2, eu-west-1');
    expect(dev).not.toContain('global replication');
    expect(dev).toContain('Aurora PostgreSQL regional');
  });

  test('renders to SVG with Graphviz (WebAssembly)', async () => {
    const svg = await renderSvg(dev);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*Platform: dev[\s\S]*<\/svg>\s*$/);
  });
});
