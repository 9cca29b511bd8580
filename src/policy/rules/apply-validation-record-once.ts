import { Rule, check, notApplicable } from '../rule';

/**
 * Source: AWS Certificate Manager User Guide, "DNS validation" (the CNAME record is specific to
 * the domain and the account, and works in every Region); terraform-provider-aws docs,
 * aws_route53_record `allow_overwrite`.
 */
export const rule: Rule = {
  id: 'apply-validation-record-once',
  description:
    "Certificates for the same name share one validation record resource: ACM asks for the same CNAME in every region, so records managed per certificate overwrite each other and removing one deletes the others' renewal record. Source: ACM User Guide, DNS validation.",
  resourceTypes: ['aws_acm_certificate'],
  evaluate(certificate, model) {
    const domain = certificate.values.domain_name;
    if (typeof domain !== 'string') return notApplicable('domain not known');
    const sameName = model.resources
      .filter((r) => r.type === 'aws_acm_certificate' && r.values.domain_name === domain)
      .map((r) => r.address);
    const records = model.resources.filter(
      (r) => r.type === 'aws_route53_record' && (r.references.for_each ?? []).some((a) => sameName.includes(a)),
    );
    return check(
      records.length <= 1,
      `${records.length} record resources (${records.map((r) => r.address).join(', ')}) manage the validation record of ${domain}: create it once and let every certificate's validation depend on it`,
    );
  },
};
