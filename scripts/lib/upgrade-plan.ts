/**
 * Upgrade plans: what a change does to an environment that already exists, offline. The base
 * revision is synthesized and planned from empty state; its plan becomes a synthetic prior state
 * (settled to a fixed point); the working tree is then planned against that state with refresh
 * off, summarized per address, and judged by the stateful-change gate.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEnvironment } from '../../src/config/loader';
import { EnvironmentName } from '../../src/config/schema';
import { Json } from '../../src/policy/model';
import {
  HarnessError,
  OFFLINE_ENV,
  REPO_ROOT,
  ScratchResult,
  findProviderMirror,
  initScratch,
  mirrorHasProvider,
  prepareScratch,
  providerRegions,
  replanInWorkspace,
  substitutionNotes,
  synthesize,
  terraformVersion,
} from './offline-plan';
import { GateResult, checkStatefulChanges } from './stateful-gate';
import { ProviderSchemas, SettleResult, TerraformState, settleState, stateFromPlan, writeWorkspaceState } from './synthetic-state';

/** `terraform providers schema -json` of an initialised scratch directory. */
export function providerSchemas(dir: string): ProviderSchemas {
  const r = spawnSync('terraform', ['providers', 'schema', '-json'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, ...OFFLINE_ENV, TF_CLI_CONFIG_FILE: path.join(dir, 'terraform.rc') },
  });
  if (r.status !== 0) throw new HarnessError(`terraform providers schema failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as ProviderSchemas;
}

export interface SettledScratch {
  readonly dir: string;
  readonly workspace: string;
  readonly variableValues: Record<string, string>;
  readonly settled: SettleResult;
}

/**
 * Turns `plan` (made in the initialised scratch `dir` from empty state) into a synthetic prior
 * state for `workspace` and settles it: afterwards the same configuration plans no changes
 * against it, or `settled.remaining` names what does not settle.
 */
export function settlePlanState(
  dir: string,
  workspace: string,
  plan: Json,
  options: { accountId: string; variableValues?: Record<string, string>; configuration?: Json },
): SettledScratch {
  const schemas = providerSchemas(dir);
  const regions = Object.fromEntries(Object.entries(providerRegions(plan)).filter(([, r]) => r !== 'global'));
  const stateOptions = { accountId: options.accountId, regions, configuration: options.configuration };
  const initial = stateFromPlan(plan, schemas, stateOptions);
  const replan = (state: TerraformState): Json => {
    writeWorkspaceState(dir, workspace, state);
    return replanInWorkspace(dir, workspace, options.variableValues).plan;
  };
  const settled = settleState(initial, replan, (p, previous) => stateFromPlan(p, schemas, stateOptions, previous));
  writeWorkspaceState(dir, workspace, settled.state);
  return { dir, workspace, variableValues: options.variableValues ?? {}, settled };
}

/** One line of the per-address summary. */
export interface AddressChange {
  readonly address: string;
  /** `forget`: a `removed` block drops it from state and leaves the object in AWS. */
  readonly action: 'create' | 'update' | 'replace' | 'delete' | 'forget';
  /** Attributes that force a replacement (replace), or the top-level attributes that change (update). */
  readonly attributes: string[];
}

const ORDER = { replace: 0, delete: 1, forget: 2, update: 3, create: 4 } as const;

/** The plan's managed resource changes, one per address, replacements and deletes first. */
export function addressChanges(plan: Json): AddressChange[] {
  const changes: AddressChange[] = [];
  for (const rc of (plan.resource_changes ?? []) as Json[]) {
    if (rc.mode !== 'managed') continue;
    const actions: string[] = rc.change.actions;
    if (actions.length === 1 && actions[0] === 'no-op') continue;
    const action = actions.includes('delete')
      ? actions.includes('create')
        ? 'replace'
        : 'delete'
      : actions.includes('forget')
        ? 'forget'
        : actions.includes('create')
          ? 'create'
          : 'update';
    const attributes =
      action === 'replace'
        ? ((rc.change.replace_paths ?? []) as (string | number)[][]).map((p) => p.join('.'))
        : action === 'update'
          ? changedTopLevel(rc.change.before ?? {}, rc.change.after ?? {}, rc.change.after_unknown ?? {})
          : [];
    changes.push({ address: rc.address, action, attributes });
  }
  return changes.sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.address.localeCompare(b.address));
}

function changedTopLevel(before: Json, after: Json, unknown: Json): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => unknown[k] === true || JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

export function formatUpgradeSummary(title: string, changes: readonly AddressChange[]): string {
  const counts = { create: 0, update: 0, replace: 0, delete: 0, forget: 0 };
  for (const c of changes) counts[c.action] += 1;
  const lines = changes.map((c) => {
    const detail =
      c.attributes.length === 0 ? '' : c.action === 'replace' ? ` (forced by ${c.attributes.join(', ')})` : ` (${c.attributes.join(', ')})`;
    return `  ${c.action.padEnd(8)} ${c.address}${detail}`;
  });
  return [
    `${title}: ${changes.length === 0 ? 'no changes' : `${counts.create} to create, ${counts.update} to update in place, ${counts.replace} to replace, ${counts.delete} to delete${counts.forget ? `, ${counts.forget} to forget (left in AWS)` : ''}`}`,
    ...lines,
  ].join('\n');
}

/** Exit codes: `terraform plan -detailed-exitcode` (0 none, 1 error, 2 changes), and 3 when the gate refuses. */
export const UPGRADE_EXIT = { noChanges: 0, error: 1, changes: 2, refused: 3 } as const;

export interface UpgradePlan {
  readonly environment: string;
  readonly base: { readonly ref: string; readonly commit: string; readonly settled: SettleResult };
  /** The working tree's plan against the base's synthetic state. */
  readonly plan: Json;
  readonly changes: AddressChange[];
  readonly gate: GateResult;
  readonly notes: string[];
  readonly exitCode: number;
  readonly scratchRoot: string;
}

/** The default base: the merge-base with main when it is not HEAD, else HEAD~1. */
export function defaultBase(root: string = REPO_ROOT): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD').stdout.trim();
  const mergeBase = git('merge-base', 'HEAD', 'main');
  if (mergeBase.status === 0 && mergeBase.stdout.trim() && mergeBase.stdout.trim() !== head) return mergeBase.stdout.trim();
  return 'HEAD~1';
}

/** A detached worktree of `ref` with this checkout's node_modules; removed by the returned function. */
function worktreeOf(ref: string, into: string): { dir: string; commit: string; remove: () => void } {
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    throw new HarnessError(`the base revision ${ref} does not exist in this repository`);
  }
  const dir = path.join(into, 'base');
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: REPO_ROOT, stdio: 'pipe' });
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    commit,
    remove: () => {
      spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: REPO_ROOT });
    },
  };
}

export interface UpgradeOptions {
  readonly base?: string;
  /** Synthesized stack directory of the base (skips the worktree), e.g. in tests. */
  readonly baseStackDir?: string;
  /** Synthesized stack directory of the head (default: synthesize the working tree). */
  readonly headStackDir?: string;
  /** Environment files of the working tree (default environments/). */
  readonly configDir?: string;
  readonly allowStatefulChanges?: readonly string[];
  readonly scratchRoot?: string;
  readonly mirror?: string;
}

/**
 * Plans the working tree of `environment` against the synthetic state its base revision would
 * have left, and runs the gate. The scratch root holds everything and is the caller's to remove.
 */
export function upgradePlan(environment: EnvironmentName, options: UpgradeOptions = {}): UpgradePlan {
  terraformVersion();
  const mirror = options.mirror ?? findProviderMirror();
  const root = options.scratchRoot ?? mkdtempSync(path.join(tmpdir(), `upgrade-plan-${environment}-`));
  try {
    return planAgainstBase(environment, options, root, mirror);
  } catch (error) {
    // A failed run leaves nothing behind unless the caller chose the directory.
    if (!options.scratchRoot) removeScratch(root);
    throw error;
  }
}

function planAgainstBase(environment: EnvironmentName, options: UpgradeOptions, root: string, mirror: string): UpgradePlan {
  const ref = options.base ?? defaultBase();
  let baseStackDir = options.baseStackDir;
  let commit = ref;
  if (!baseStackDir) {
    const worktree = worktreeOf(ref, root);
    commit = worktree.commit;
    try {
      baseStackDir = synthesize(environment, path.join(root, 'base-out'), undefined, worktree.dir);
    } finally {
      worktree.remove();
    }
  }
  const headStackDir = options.headStackDir ?? synthesize(environment, path.join(root, 'head-out'), options.configDir);
  const config = loadEnvironment(options.configDir ?? path.join(REPO_ROOT, 'environments'), environment);
  const randomAvailable = mirrorHasProvider(mirror, 'hashicorp', 'random');

  // The base, from empty state, then settled into its synthetic state.
  const dir = path.join(root, 'plan');
  const scratchOptions = { randomAvailable, substituteSecretReads: true, dropPreventDestroy: true };
  const base: ScratchResult = prepareScratch(baseStackDir, dir, scratchOptions);
  initScratch(dir, mirror);
  const basePlan = replanInWorkspace(dir, environment, base.variableValues).plan;
  const settled = settlePlanState(dir, environment, basePlan, {
    accountId: config.accountId,
    variableValues: base.variableValues,
    configuration: base.stack,
  }).settled;

  // The head, in the same directory (same providers), against that state.
  const head = prepareScratch(headStackDir, dir, scratchOptions);
  initScratch(dir, mirror);
  const plan = replanInWorkspace(dir, environment, head.variableValues).plan;
  const changes = addressChanges(plan);
  const gate = checkStatefulChanges(plan, {
    protectedEnvironment: config.protection === 'protected',
    allow: options.allowStatefulChanges ?? [],
  });
  const withoutRandom = randomAvailable ? undefined : { mirror };
  const notes = [...new Set([...substitutionNotes(base, withoutRandom), ...substitutionNotes(head, withoutRandom)])];
  if (settled.remaining.length > 0) {
    notes.push(
      `the base's synthetic state did not settle (${settled.remaining.length} resources still change against their own revision): ${settled.remaining.join(', ')}`,
    );
  }
  const exitCode = !gate.ok ? UPGRADE_EXIT.refused : changes.length > 0 ? UPGRADE_EXIT.changes : UPGRADE_EXIT.noChanges;
  return { environment, base: { ref, commit, settled }, plan, changes, gate, notes, exitCode, scratchRoot: root };
}

/** Removes an upgrade plan's scratch directory. */
export function removeScratch(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
