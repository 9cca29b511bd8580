import { describeOfflinePlan } from './offline-plan-suite';

// Real terraform and the provider mirror; fails (never skips) when either is missing.
// prod's JSON is also planned in workspace dev, where the workspace guard must refuse it, and
// changes to stateful identities are planned against prod's synthetic prior state.
describeOfflinePlan('prod', { guardedFrom: 'dev', identityChanges: true, reconciliations: true });
