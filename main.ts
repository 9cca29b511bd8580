import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { reportingConfigErrors, loadEnvironment, selectEnvironment } from './src/config/loader';
import { PlatformStack, STACK_NAME } from './src/stacks/platform-stack';

// The only module of the app that reads the process environment.
function main(): void {
  const environment = selectEnvironment(process.env.ENVIRONMENT, process.env.TF_WORKSPACE);
  const configDir = process.env.CONFIG_DIR ?? path.join(__dirname, 'environments');
  const config = loadEnvironment(configDir, environment);
  // cdktf's App reads CDKTF_OUTDIR (set by `cdktf synth`), else writes to ./cdktf.out. It creates
  // that folder but not its parents (a stack trace when they are missing): create them here.
  if (process.env.CDKTF_OUTDIR) mkdirSync(process.env.CDKTF_OUTDIR, { recursive: true });
  const app = new App();
  new PlatformStack(app, STACK_NAME, { environment, config });
  app.synth();
}

reportingConfigErrors(main);
