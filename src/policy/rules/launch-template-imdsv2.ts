import { block } from '../model';
import { Rule, check } from '../rule';

export const rule: Rule = {
  id: 'launch-template-imdsv2',
  description: 'Instances require IMDSv2 tokens with a hop limit of 1.',
  resourceTypes: ['aws_launch_template'],
  evaluate(template) {
    const metadata = block(template.values, 'metadata_options');
    return check(
      metadata?.http_tokens === 'required' && metadata?.http_put_response_hop_limit === 1,
      'metadata_options must set http_tokens = "required" and http_put_response_hop_limit = 1',
    );
  },
};
