import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import type * as Matchers from './matchers';
import { removeScratch } from './scratch';
import { leaveOutTokenStacks } from '../scripts/lib/token-stacks.cjs';

// cdktf's token creation stacks, which jest would map through source maps frame by frame: left out
// as in the app (scripts/lib/token-stacks.cjs), unless RUN_APP_TOKEN_STACKS=1. The module changed
// is this test file's own copy (jest gives each file its registry); loading it loads no more of cdktf.
leaveOutTokenStacks(require, '__tests__/setup.ts');

// cdktf's jest matchers: toHaveResource, toHaveResourceWithProperties, ... (toBeValidTerraform
// and toPlanSuccessfully need a backend they can reach, here S3: use toPlanOffline instead).
// The same registration as Testing.setupJest(), without loading the whole of cdktf into test files
// that never build a stack (config, policy rules, the CLIs): about half a second per file.
setupJest();

// This project's own: toHaveResourceInRegion(Type, region, props) and toPlanOffline() (matchers.ts),
// loaded on first use for the same reason (they bring cdktf and the offline plan harness).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const matchers = (): typeof Matchers => require('./matchers');
expect.extend({
  toHaveResourceInRegion(this: jest.MatcherContext, ...args: Parameters<typeof Matchers.toHaveResourceInRegion>) {
    return matchers().toHaveResourceInRegion.apply(this, args);
  },
  toPlanOffline(this: jest.MatcherContext, ...args: Parameters<typeof Matchers.toPlanOffline>) {
    return matchers().toPlanOffline.apply(this, args);
  },
});

// Every temporary directory a test file makes through scratchDir() goes with it.
afterAll(removeScratch);
