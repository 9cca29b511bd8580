// The jest setup of a mutation run (jest.mutate.config.js): the scopes' tests use no cdktf
// matchers, so this leaves out what __tests__/setup.ts loads for them (cdktf, the stacks) and
// keeps only the scratch clean-up. Stryker reruns the related tests of the scope for every mutant
// that runs at module load; each rerun reloads what the setup imports.
import { removeScratch } from './scratch';

afterAll(removeScratch);
