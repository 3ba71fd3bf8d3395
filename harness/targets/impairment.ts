// Which network impairment a run uses: the profile's harness.impair, or --impair and --seed,
// which override it ("--impair none" turns the profile's off). A run without a seed gets a fresh
// one, which the console summary and results.json show, so that the run can be repeated.
import { describeImpairment, freshSeed, ImpairmentSpecError, parseImpairmentSpec, parseSeed, type DatagramImpairment, type ImpairmentSpec } from '../coap/impairment.ts';
import { ConfigError, type ConfigLocation } from './config-error.ts';
import { UsageError } from '../errors.ts';
import type { ResolvedTarget } from './resolve.ts';

export type { DatagramImpairment } from '../coap/impairment.ts';

/** Throws ConfigError at the field when the profile's spec cannot be read. */
export function checkImpairSpec(text: string, at: ConfigLocation): void {
  try {
    parseImpairmentSpec(text);
  } catch (error) {
    if (error instanceof ImpairmentSpecError) throw new ConfigError(at, `not an impairment spec: ${error.message}`);
    throw error;
  }
}

/** The spec's settings with a seed: `seed` when given, else the spec's own, else a fresh one. */
function impairmentFrom(spec: ImpairmentSpec, seed: number | undefined): DatagramImpairment {
  const { seed: own, ...settings } = spec;
  return { spec: settings, seed: seed ?? own ?? freshSeed() };
}

/** The impairment of a profile's spec (already checked), with the spec's seed or a fresh one. */
export function impairmentOf(text: string | undefined): { impairment?: DatagramImpairment } {
  const spec = text === undefined ? undefined : parseImpairmentSpec(text);
  return spec ? { impairment: impairmentFrom(spec, undefined) } : {};
}

/**
 * The target with --impair and --seed applied over the profile's impairment. Throws UsageError
 * naming the bad part of a spec or seed.
 */
export function withImpairmentFlags(target: ResolvedTarget, impair: string | undefined, seedText: string | undefined): ResolvedTarget {
  const seed = seedText === undefined ? undefined : usage(() => parseSeed(seedText.trim(), `--seed ${seedText}`));
  if (impair === undefined) {
    if (seed === undefined) return target;
    if (!target.impairment) throw new UsageError('--seed needs an impairment (--impair SPEC, or harness.impair in the profile)');
    return { ...target, impairment: { ...target.impairment, seed } };
  }
  const spec = usage(() => parseImpairmentSpec(impair), `--impair ${impair}: `);
  const { impairment: _profiles, ...rest } = target;
  return spec ? { ...rest, impairment: impairmentFrom(spec, seed) } : rest;
}

/** Runs a parse, turning a spec error into a usage error (exit 3). */
function usage<T>(parse: () => T, prefix = ''): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ImpairmentSpecError) throw new UsageError(`${prefix}${error.message}`);
    throw error;
  }
}

/** "loss=5%,dup=1%, seed 42": what a run's impairment was, to show and to repeat. */
export function impairmentSummary(impairment: DatagramImpairment): { spec: string; seed: number } {
  return { spec: describeImpairment(impairment.spec), seed: impairment.seed };
}
