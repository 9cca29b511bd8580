/**
 * Whole-environment plans through the toPlanOffline matcher (real terraform and the provider
 * mirror; fails, never skips, without them): the passing case of the matcher, and prod's rebuild
 * configuration with the real secret read. Its failure messages are tested in matchers-plan.test.ts.
 */
import { rebuiltProd, testStack } from '../helpers';

const PLAN_TIMEOUT = 240_000;

describe('toPlanOffline', () => {
  test(
    'passes for an environment that plans and passes the policy pack',
    () => {
      expect(testStack('dev')).toPlanOffline();
    },
    PLAN_TIMEOUT,
  );

  test(
    'prod rebuilt after a detach of us-west-2 plans with the real secret read: the detached cluster, the secret and the new global cluster form no cycle',
    () => {
      expect(testStack('prod', rebuiltProd('create'))).toPlanOffline();
    },
    PLAN_TIMEOUT,
  );
});
