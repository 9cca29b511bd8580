// scripts/run-app.cjs, how npm run synth, cdktf.json, the operator scripts and the plan harness run
// TypeScript entry points (main.test.ts covers what main.ts itself does). Both files start processes:
// split so that jest's two workers can share them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './environments';
import { scratchDir } from './scratch';

describe('scripts/run-app.cjs (how npm run synth, cdktf.json and the harness run the app)', () => {
  const runner = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['scripts/run-app.cjs', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
    });

  test('the bundled app writes byte for byte what the app run from source through tsx writes', () => {
    const bundled = scratchDir('run-app-bundled');
    const fromSource = scratchDir('run-app-tsx');
    expect(runner(['main.ts'], { ENVIRONMENT: 'prod', CDKTF_OUTDIR: bundled }).status).toBe(0);
    const tsx = spawnSync(process.execPath, ['--import', 'tsx', 'main.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ENVIRONMENT: 'prod', CDKTF_OUTDIR: fromSource },
    });
    expect(tsx.status).toBe(0);
    const file = path.join('stacks', 'platform', 'cdk.tf.json');
    expect(readFileSync(path.join(bundled, file), 'utf8')).toBe(readFileSync(path.join(fromSource, file), 'utf8'));
  }, 60_000);

  test('a TypeScript syntax error is one line: file, line, column and what esbuild found; exit 1', () => {
    const dir = scratchDir('run-app-syntax');
    writeFileSync(path.join(dir, 'broken.ts'), 'export const port: number = 80;\nconst x = ;\n');
    const r = runner([path.join(dir, 'broken.ts')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${path.relative(REPO_ROOT, path.join(dir, 'broken.ts'))}:2:11: Unexpected ";"\n`);
  });

  describe('the kept bundle (node_modules/.cache/run-app)', () => {
    // GIVEN a two-file app with a cache of its own, run once; THEN its kept code is replaced by
    // code that prints "kept", fingerprint unchanged: a run prints "kept" only if it used the cache.
    const keptApp = () => {
      const root = scratchDir('run-app-cache');
      const dir = path.join(root, 'app');
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'entry.ts'), "import { word } from './word';\nconsole.log(word);\n");
      writeFileSync(path.join(dir, 'word.ts'), "export const word: string = 'one';\n");
      const cache = path.join(root, 'cache');
      const run = () => runner([path.join(dir, 'entry.ts')], { RUN_APP_CACHE_DIR: cache }).stdout;
      expect(run()).toBe('one\n');
      const [file] = readdirSync(cache);
      const record = JSON.parse(readFileSync(path.join(cache, file!), 'utf8'));
      writeFileSync(path.join(cache, file!), JSON.stringify({ ...record, code: "console.log('kept');" }));
      return { root, dir, run };
    };

    test('a run with unchanged sources runs the kept bundle', () => {
      expect(keptApp().run()).toBe('kept\n');
    });

    test.each([
      ['an edited source file', 'app/word.ts', "export const word: string = 'two';\n", 'two\n'],
      [
        'a new file that changes how an import resolves (word.tsx before word.ts)',
        'app/word.tsx',
        "export const word = 'three';\n",
        'three\n',
      ],
      ['a tsconfig.json that appears in a folder above the entry', 'tsconfig.json', '{}\n', 'one\n'],
    ])('%s: rebuilt', (_, file, content, printed) => {
      const { root, run } = keptApp();
      writeFileSync(path.join(root, file), content);
      expect(run()).toBe(printed);
    });
  });

  test("leaves out cdktf's token creation stacks, unless RUN_APP_TOKEN_STACKS=1", () => {
    // GIVEN an entry that prints the creation stack cdktf recorded for a lazy token
    const dir = scratchDir('run-app-token-stacks');
    writeFileSync(
      path.join(dir, 'token.ts'),
      [
        "import { Lazy, Tokenization } from 'cdktf';",
        "const token = Lazy.stringValue({ produce: () => 'x' });",
        'console.log(JSON.stringify((Tokenization.reverseString(token).firstToken as any).creationStack));',
      ].join('\n'),
    );
    const stack = (env: Record<string, string>) =>
      JSON.parse(
        runner([path.join(dir, 'token.ts')], {
          NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
          RUN_APP_CACHE_DIR: path.join(dir, 'cache'),
          RUN_APP_TOKEN_STACKS: '',
          ...env,
        }).stdout,
      ) as string[];
    expect(stack({})).toEqual([
      'token creation stacks are off in scripts/run-app.cjs: rerun with RUN_APP_TOKEN_STACKS=1 to see where this token was made',
    ]);
    expect(stack({ RUN_APP_TOKEN_STACKS: '1' })).toContainEqual(expect.stringContaining(`${path.join(dir, 'token.ts')}:`));
  });

  test("loads cdktf's zip library only where an archive is made: never in the app's process, and an archive asset is still zipped", () => {
    // GIVEN an entry that synthesizes a stack with an archive asset, then lists the archiver
    // modules it loaded itself (cdktf zips in a child process of its own).
    const dir = scratchDir('run-app-archiver');
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'a.txt'), 'hello');
    writeFileSync(
      path.join(dir, 'asset.ts'),
      [
        "import { App, AssetType, TerraformAsset, TerraformStack } from 'cdktf';",
        'const app = new App({ outdir: process.env.OUT });',
        "new TerraformAsset(new TerraformStack(app, 's'), 'zip', { path: process.env.SRC!, type: AssetType.ARCHIVE });",
        'app.synth();',
        'const loaded = Object.keys(require.cache).filter((f) => /[\\\\/]archiver[\\\\/]/.test(f));',
        // The module cdktf's require('archiver') gets, used as cdktf would: it loads the library then.
        "const cdktfDir = require('node:path').dirname(require.resolve('cdktf/lib/private/fs.js'));",
        "const archiver = require(require.resolve('archiver', { paths: [cdktfDir] }));",
        "console.log(JSON.stringify({ loaded, zip: archiver.isRegisteredFormat('zip'), made: typeof archiver('zip').pipe }));",
      ].join('\n'),
    );
    const out = path.join(dir, 'out');
    const r = runner([path.join(dir, 'asset.ts')], {
      NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
      RUN_APP_CACHE_DIR: path.join(dir, 'cache'),
      SRC: path.join(dir, 'src'),
      OUT: out,
    });
    expect(r.stderr).toBe('');
    // Only the stand-in for archiver's entry point, never the library itself; called, it is archiver.
    expect(JSON.parse(r.stdout)).toEqual({
      loaded: [expect.stringMatching(/[\\/]archiver[\\/]index\.js$/)],
      zip: true,
      made: 'function',
    });
    const zips = (readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    expect(readFileSync(path.join(out, zips[0]!)).subarray(0, 2).toString()).toBe('PK');
  });

  test('without an entry: usage, exit 2', () => {
    const r = runner([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('usage: node scripts/run-app.cjs <entry.ts> [args...]\n');
  });
});
