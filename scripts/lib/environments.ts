export { ENVIRONMENT_NAMES as ENVIRONMENTS } from '../../src/config/schema';
