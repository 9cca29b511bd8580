import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { EnvironmentPlan, planEnvironment } from '../scripts/lib/offline-plan';
import { editedEnvironments } from './helpers';

// prod with a hosted zone (test-only): certificates validated through for_each records, HTTPS
// listeners, latency records and health checks must plan with the real provider too.
describe('offline plan of prod with a hosted zone', () => {
  let planned: EnvironmentPlan;
  const configDir = editedEnvironments('prod', (j) => {
    j.dns = { zoneId: 'Z0123456789EXAMPLE0', zoneName: 'example.com', recordName: 'app.example.com' };
  });

  beforeAll(() => {
    // Focused on what the zone adds (and what it depends on: load balancers, their network);
    // the whole of prod is planned by plan-prod.test.ts.
    planned = planEnvironment('prod', {
      configDir,
      targetTypes: ['aws_acm_certificate_validation', 'aws_lb_listener', 'aws_route53_record', 'aws_route53_health_check'],
    });
  }, 240_000);

  afterAll(() => {
    rmSync(configDir, { recursive: true, force: true });
    if (planned) rmSync(path.dirname(planned.scratch.dir), { recursive: true, force: true });
  });

  test('plans a certificate, its validation record and HTTPS plus redirect listeners per region', () => {
    const perRegion = (n: number) => ({ 'us-east-1': n, 'us-west-2': n, 'eu-west-1': n });
    const { byTypeAndRegion } = planned.summary;
    expect(byTypeAndRegion.aws_acm_certificate).toEqual(perRegion(1));
    expect(byTypeAndRegion.aws_acm_certificate_validation).toEqual(perRegion(1));
    expect(byTypeAndRegion.aws_lb_listener).toEqual(perRegion(2));
  });

  test('plans a validation record per region keyed by the domain, and three latency records with health checks', () => {
    const changes = planned.result.plan.resource_changes as { address: string; type: string }[];
    const records = changes.filter((c) => c.type === 'aws_route53_record').map((c) => c.address);
    expect(records.filter((a) => a.endsWith('["app.example.com"]'))).toHaveLength(3);
    expect(records.filter((a) => a.startsWith('aws_route53_record.dns_latency-'))).toHaveLength(3);
    expect(planned.summary.byTypeAndRegion.aws_route53_health_check).toEqual({ 'us-east-1': 3 });
  });
});
