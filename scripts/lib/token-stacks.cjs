/**
 * cdktf records a full stack trace (stack-trace limit lifted) every time it creates a token (lazy,
 * intrinsic, dynamic blocks and expressions, computed lists, every attribute reference), thousands
 * per synth, and prints them only in errors about a token, to say where it was made.
 *
 * - In the app and the operator scripts (scripts/run-app.cjs) that is 0.13 s of the 1.44 s of CPU
 *   of a prod synth (README, "Speed, measured").
 * - In a jest worker it costs far more: jest maps every stack frame through the test files' source
 *   maps, so a test file that builds the three environments' stacks spent about 0.8 s of its 3.6 s
 *   there (network.test.ts, `node --cpu-prof`, 2026-12-06).
 *
 * Both leave them out, unless RUN_APP_TOKEN_STACKS=1. The module changed is the one the caller's
 * `load` resolves (`require` of the test file's registry, or the entry's createRequire); where cdktf
 * or its stack-trace module is not found (another cdktf layout), nothing is changed.
 */
'use strict';

/** What a token's creation stack holds instead, naming where it was left out and how to get it. */
function tokenStackHint(where) {
  return `token creation stacks are off in ${where}: rerun with RUN_APP_TOKEN_STACKS=1 to see where this token was made`;
}

/**
 * Replaces cdktf's captureStackTrace with one that returns the hint. `load` resolves module names
 * (a require function); `where` names the caller in the hint. Returns whether it replaced it.
 */
function leaveOutTokenStacks(load, where) {
  if (process.env.RUN_APP_TOKEN_STACKS === '1') return false;
  let stackTrace;
  try {
    stackTrace = load('cdktf/lib/tokens/private/stack-trace.js');
  } catch {
    return false;
  }
  if (typeof stackTrace.captureStackTrace !== 'function') return false;
  const hint = [tokenStackHint(where)];
  stackTrace.captureStackTrace = () => [...hint];
  return true;
}

module.exports = { leaveOutTokenStacks, tokenStackHint };
