import { block } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'target-group-health-check',
  description: 'Target groups check an explicit health path.',
  resourceTypes: ['aws_lb_target_group', 'aws_alb_target_group'],
  evaluate(group) {
    const health = block(group.values, 'health_check');
    return check(
      health?.enabled !== false && typeof health?.path === 'string' && health.path.length > 0,
      'no health_check path: check /health',
    );
  },
};
