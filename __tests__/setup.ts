import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { toHaveResourceInRegion, toPlanOffline } from './matchers';
import { removeScratch } from './scratch';

// cdktf's jest matchers: toHaveResource, toHaveResourceWithProperties, ... (toBeValidTerraform
// and toPlanSuccessfully need a backend they can reach, here S3: use toPlanOffline instead).
Testing.setupJest();

// This project's own: toHaveResourceInRegion(Type, region, props) and toPlanOffline() (matchers.ts).
expect.extend({ toHaveResourceInRegion, toPlanOffline });

// Every temporary directory a test file makes through scratchDir() goes with it.
afterAll(removeScratch);
