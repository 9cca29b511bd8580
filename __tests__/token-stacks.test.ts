import { Lazy, Tokenization } from 'cdktf';
import { leaveOutTokenStacks, tokenStackHint } from '../scripts/lib/token-stacks.cjs';

/** The creation stack cdktf recorded for a token made here. */
function creationStackOfNewToken(): string[] {
  const token = Lazy.stringValue({ produce: () => 'x' });
  return (Tokenization.reverseString(token).firstToken as unknown as { creationStack: string[] }).creationStack;
}

test("jest's setup leaves out cdktf's token creation stacks in every test file (jest would source-map each frame), unless RUN_APP_TOKEN_STACKS=1", () => {
  // `RUN_APP_TOKEN_STACKS=1 npm test` (README) keeps them: then this file's own frames are there.
  const kept = process.env.RUN_APP_TOKEN_STACKS === '1';
  const stack = creationStackOfNewToken();
  const hint = tokenStackHint('__tests__/setup.ts');
  expect({ ownFrames: stack.some((frame) => frame.includes('token-stacks.test.ts')), hint: stack.includes(hint) }).toEqual({
    ownFrames: kept,
    hint: !kept,
  });
});

describe('leaveOutTokenStacks', () => {
  const saved = process.env.RUN_APP_TOKEN_STACKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.RUN_APP_TOKEN_STACKS;
    else process.env.RUN_APP_TOKEN_STACKS = saved;
  });

  /** A stand-in for cdktf's stack-trace module, and a loader that finds it only under cdktf's name. */
  const fakeCdktf = () => {
    const original = () => ['at somewhere (file.ts:1:1)'];
    const stackTrace = { captureStackTrace: original };
    const load = (id: string): unknown => {
      if (id !== 'cdktf/lib/tokens/private/stack-trace.js') throw new Error(`Cannot find module '${id}'`);
      return stackTrace;
    };
    return { original, stackTrace, load };
  };

  test('replaces captureStackTrace with one returning the hint, which names the caller', () => {
    delete process.env.RUN_APP_TOKEN_STACKS;
    const { stackTrace, load } = fakeCdktf();
    expect(leaveOutTokenStacks(load, 'somewhere.cjs')).toBe(true);
    expect(stackTrace.captureStackTrace()).toEqual([
      'token creation stacks are off in somewhere.cjs: rerun with RUN_APP_TOKEN_STACKS=1 to see where this token was made',
    ]);
  });

  test('RUN_APP_TOKEN_STACKS=1 keeps them', () => {
    process.env.RUN_APP_TOKEN_STACKS = '1';
    const { original, stackTrace, load } = fakeCdktf();
    expect(leaveOutTokenStacks(load, 'somewhere.cjs')).toBe(false);
    expect(stackTrace.captureStackTrace).toBe(original);
  });

  test('changes nothing where cdktf or its stack-trace module is not found, or holds no such function', () => {
    delete process.env.RUN_APP_TOKEN_STACKS;
    const missing = (id: string): unknown => {
      throw new Error(`Cannot find module '${id}'`);
    };
    expect(leaveOutTokenStacks(missing, 'somewhere.cjs')).toBe(false);
    const other = { captureStackTrace: 'not a function' };
    expect(leaveOutTokenStacks(() => other, 'somewhere.cjs')).toBe(false);
    expect(other.captureStackTrace).toBe('not a function');
  });
});
