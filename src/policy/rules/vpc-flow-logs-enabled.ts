import { Rule, check, referencing } from '../rule';

export const rule: Rule = {
  id: 'vpc-flow-logs-enabled',
  description: 'Every VPC has a flow log capturing ALL traffic.',
  resourceTypes: ['aws_vpc'],
  evaluate(vpc, model) {
    const logs = referencing(model, 'aws_flow_log', vpc, 'vpc_id').filter((f) => f.values.traffic_type === 'ALL');
    return check(logs.length > 0, 'no aws_flow_log with traffic_type = "ALL" references this VPC: add a VpcFlowLogs construct');
  },
};
