import { block } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'alb-access-logs',
  description: 'Load balancers write access logs to S3.',
  resourceTypes: ['aws_lb', 'aws_alb'],
  evaluate(lb) {
    const logs = block(lb.values, 'access_logs');
    return check(logs?.enabled === true, 'access_logs is not enabled: log to the access-log bucket');
  },
};
