import { describePriorStatePlans } from '../offline-plan-suite';

// Real terraform and the provider mirror; fails (never skips) when either is missing.
// Changes to stateful identities and the runbook's reconciliations (switchover, failover, detach
// and rebuild) are planned against prod's synthetic prior state.
describePriorStatePlans('prod', { identityChanges: true, reconciliations: true });
