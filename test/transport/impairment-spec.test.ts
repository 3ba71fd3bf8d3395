// The impairment spec as users write it (--impair, harness.impair): settings both ways or per
// direction, left to right, written back canonically; bad parts named, as usage errors (exit 3)
// on the command line and as configuration errors at the field in a profile.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeImpairment, ImpairmentSpecError, parseImpairmentSpec } from '../../harness/transport/impairment-spec.ts';
import { deriveSeed, seededRandom } from '../../harness/transport/seeded-random.ts';
import { withImpairmentFlags } from '../../harness/targets/impairment.ts';
import { resolveProfile } from '../../harness/targets/resolve.ts';
import { parseProfile } from '../../harness/targets/profile.ts';
import { ConfigError } from '../../harness/targets/config-error.ts';
import { UsageError } from '../../harness/errors.ts';
import { projectRoot } from '../support/shared.ts';
import { referenceDeviceProfile, referenceProfileFile } from '../support/reference-profile.ts';

const none = { loss: 0, duplicate: 0, reorder: 0 };

describe('impairment spec', () => {
  it('reads settings for both directions', () => {
    expect(parseImpairmentSpec('loss=5%,dup=1%,reorder=2%,delay=20-200ms')).toEqual({
      in: { loss: 0.05, duplicate: 0.01, reorder: 0.02, delay: { minMs: 20, maxMs: 200 } },
      out: { loss: 0.05, duplicate: 0.01, reorder: 0.02, delay: { minMs: 20, maxMs: 200 } },
    });
  });

  it('reads one direction, applies settings left to right, and takes a seed', () => {
    expect(parseImpairmentSpec('loss=5%,loss.in=0%,dup.out=0.5%,delay.in=1s,seed=42')).toEqual({
      in: { ...none, delay: { minMs: 1000, maxMs: 1000 } },
      out: { ...none, loss: 0.05, duplicate: 0.005 },
      seed: 42,
    });
    expect(parseImpairmentSpec(' duplicate=100% , delay=0.5-1s ')!.out).toEqual({ ...none, duplicate: 1, delay: { minMs: 500, maxMs: 1000 } });
  });

  it('"none" and nothing are no impairment; loss=0% is an impairment that does nothing', () => {
    expect(parseImpairmentSpec('none')).toBeUndefined();
    expect(parseImpairmentSpec('')).toBeUndefined();
    expect(parseImpairmentSpec('loss=0%')).toEqual({ in: none, out: none });
  });

  it('is written back in its own syntax', () => {
    for (const text of ['loss=5%,dup=1%,reorder=2%,delay=20-200ms', 'loss.in=5%,loss.out=2%,delay.out=50ms', 'loss=0%']) {
      expect(describeImpairment(parseImpairmentSpec(text)!)).toBe(text);
    }
    expect(describeImpairment(parseImpairmentSpec('loss=3%,loss.in=0%')!)).toBe('loss.out=3%');
  });

  it.each([
    ['loss=150%', /"loss=150%": a probability is 0% to 100%/],
    ['loss=5', /"loss=5": give a percentage, e.g. loss=5%/],
    ['loss=-1%', /"loss=-1%": give a percentage/],
    ['delay=200-20ms', /"delay=200-20ms": the shorter delay comes first \(200 ms is more than 20 ms\)/],
    ['delay=20', /"delay=20": give a delay with its unit/],
    ['drop=5%', /"drop=5%": unknown setting "drop" \(known: loss, dup, reorder, delay, seed\)/],
    ['loss.up=5%', /"loss.up=5%": a direction is loss.in .* or loss.out/],
    ['loss=5%,,dup=1%', /an empty setting between commas/],
    ['loss', /"loss": a setting is NAME=VALUE/],
    ['loss=5%,seed=x', /"seed=x": a seed is a whole number from 0 to 4294967295/],
    ['seed=4294967296', /"seed=4294967296": a seed is a whole number/],
  ])('refuses %s, naming the bad part', (text, message) => {
    expect(() => parseImpairmentSpec(text)).toThrow(ImpairmentSpecError);
    expect(() => parseImpairmentSpec(text)).toThrow(message);
  });
});

describe('the seeded random streams', () => {
  it('repeat from the seed, differ between seeds and between streams', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const u of draw(7)) expect(u >= 0 && u < 1).toBe(true);
    expect(deriveSeed(42, 'server', 'in')).toBe(deriveSeed(42, 'server', 'in'));
    expect(new Set([deriveSeed(42, 'server', 'in'), deriveSeed(42, 'server', 'out'), deriveSeed(43, 'server', 'in'), deriveSeed(42, 'client', 'in')]).size).toBe(4);
  });
});

describe('--impair and --seed over the profile', () => {
  const plain = resolveProfile(referenceDeviceProfile());
  const impairedProfile = resolveProfile({ ...referenceDeviceProfile(), harness: { ...referenceDeviceProfile().harness, impair: 'loss=5%,seed=9' } });

  it('the profile gives the impairment and its seed; without a seed a fresh one is chosen', () => {
    expect(plain.impairment).toBeUndefined();
    expect(impairedProfile.impairment).toEqual({ spec: parseImpairmentSpec('loss=5%'), seed: 9 });
    const fresh = resolveProfile({ ...referenceDeviceProfile(), harness: { ...referenceDeviceProfile().harness, impair: 'loss=5%' } });
    expect(Number.isInteger(fresh.impairment!.seed)).toBe(true);
  });

  it('the flags override the profile; --impair none turns it off; --seed alone keeps its spec', () => {
    expect(withImpairmentFlags(impairedProfile, 'dup=1%', '42').impairment).toEqual({ spec: parseImpairmentSpec('dup=1%'), seed: 42 });
    expect(withImpairmentFlags(impairedProfile, 'none', undefined).impairment).toBeUndefined();
    expect(withImpairmentFlags(impairedProfile, undefined, '3').impairment).toEqual({ spec: parseImpairmentSpec('loss=5%'), seed: 3 });
    expect(withImpairmentFlags(plain, undefined, undefined)).toBe(plain);
  });

  it('a bad spec or seed is a usage error naming the bad part', () => {
    expect(() => withImpairmentFlags(plain, 'loss=5%,dup=200%', undefined)).toThrow(UsageError);
    expect(() => withImpairmentFlags(plain, 'loss=5%,dup=200%', undefined)).toThrow(/--impair loss=5%,dup=200%: "dup=200%": a probability is 0% to 100%/);
    expect(() => withImpairmentFlags(plain, 'loss=1%', 'abc')).toThrow(/"--seed abc": a seed is a whole number/);
    expect(() => withImpairmentFlags(plain, undefined, '5')).toThrow(/--seed needs an impairment/);
  });

  it('a bad harness.impair is a configuration error at its line and field', () => {
    const yaml = readFileSync(referenceProfileFile, 'utf8').replace(/^harness:\n/m, 'harness:\n  impair: "loss=5%,delay=9-1ms"\n');
    const error = (() => {
      try {
        parseProfile(yaml, 'p.yaml');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/harness\.impair.*"delay=9-1ms": the shorter delay comes first/s);
  });

  it('the command line exits 3 on a bad --impair, before anything runs', async () => {
    const bin = join(projectRoot, 'bin', 'lwm2m-conformance.js');
    const run = promisify(execFile)(process.execPath, [bin, 'run', '--profile', referenceProfileFile, '--impair', 'loss=5%,jitter=3ms'], { cwd: projectRoot, timeout: 30_000 });
    const failure = (await run.then(() => undefined, (e: unknown) => e)) as { code: number; stderr: string } | undefined;
    expect(failure?.code).toBe(3);
    expect(failure?.stderr).toMatch(/"jitter=3ms": unknown setting "jitter"/);
  }, 30_000);
});
