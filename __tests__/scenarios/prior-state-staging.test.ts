import { describePriorStatePlans } from '../offline-plan-suite';

// Real terraform and the provider mirror; fails (never skips) when either is missing.
// The runbook's switchover is planned against staging's synthetic prior state too (global topology).
describePriorStatePlans('staging', { reconciliations: true });
