import { describeOfflinePlan } from './offline-plan-suite';

// Real terraform and the provider mirror; fails (never skips) when either is missing.
describeOfflinePlan('staging');
