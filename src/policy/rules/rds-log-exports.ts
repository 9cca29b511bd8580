import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'rds-log-exports',
  description: 'Aurora PostgreSQL exports its postgresql log to CloudWatch Logs.',
  resourceTypes: ['aws_rds_cluster'],
  evaluate(cluster) {
    const exports: unknown = cluster.values.enabled_cloudwatch_logs_exports;
    return check(
      Array.isArray(exports) && exports.includes('postgresql'),
      'enabled_cloudwatch_logs_exports lacks "postgresql": export the log',
    );
  },
};
