import { describeOfflinePlan } from './offline-plan-suite';

// Real terraform and the provider mirror; fails (never skips) when either is missing.
// prod's JSON is also planned in workspace dev, where the workspace guard must refuse it.
describeOfflinePlan('prod', { guardedFrom: 'dev' });
