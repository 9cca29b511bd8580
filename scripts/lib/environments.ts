import { isEnvironmentName } from '../../src/config/loader';
import { ENVIRONMENT_NAMES, EnvironmentName } from '../../src/config/schema';

export { ENVIRONMENT_NAMES as ENVIRONMENTS } from '../../src/config/schema';

/** A refused `--env` value: what plan:offline, policy and diagram print before exiting 1. */
export class UnknownEnvironment extends Error {
  constructor(value: string) {
    super(`Unknown environment "${value}"; expected one of ${ENVIRONMENT_NAMES.join(', ')} or all.`);
  }
}

/** The environments an `--env` value names: one of them, or all of them for `all`. */
export function chooseEnvironments(value: string): EnvironmentName[] {
  if (value === 'all') return [...ENVIRONMENT_NAMES];
  if (!isEnvironmentName(value)) throw new UnknownEnvironment(value);
  return [value];
}

/** chooseEnvironments for a script's main: prints the refusal and gives undefined (exit 1). */
export function environmentsOrRefuse(value: string): EnvironmentName[] | undefined {
  try {
    return chooseEnvironments(value);
  } catch (error) {
    if (!(error instanceof UnknownEnvironment)) throw error;
    console.error(error.message);
    return undefined;
  }
}
