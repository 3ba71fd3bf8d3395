// Random and mutated bytes into every decoder: nodes or a DecodeError, never a throw, a hang or
// an "internal" failure. 10^5 inputs per decoder (half random, half mutated seeds).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDecode, codecsUnderFuzz, fuzzModel, mutate, prng, SEEDS } from './fuzz-support.ts';

const PER_DECODER = 100_000;

describe('decoders are total', () => {
  for (const codec of codecsUnderFuzz()) {
    it(`${codec.name} (${codec.number}): ${PER_DECODER} random and mutated inputs`, () => {
      const seeds = SEEDS.get(codec.number) ?? [];
      const contexts = [{ model: fuzzModel }, ...seeds.map((s) => ({ model: fuzzModel, ...(s.path ? { path: s.path } : {}) }))];
      // Half: fast-check's random byte arrays (with shrinking on failure).
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(contexts.length - 1), (bytes, k) => {
          const problem = checkDecode(codec, bytes, contexts[k] ?? {});
          if (problem) throw new Error(problem);
        }),
        { numRuns: PER_DECODER / 2, seed: 42 + codec.number },
      );
      // Half: mutations of valid payloads, deterministic.
      const next = prng(0x9e3779b9 ^ codec.number);
      for (let k = 0; k < PER_DECODER / 2; k++) {
        const seed = seeds[k % Math.max(1, seeds.length)];
        const payload = mutate(seed?.payload ?? new Uint8Array(0), next);
        const context = { model: fuzzModel, ...(seed?.path ? { path: seed.path } : {}) };
        const problem = checkDecode(codec, payload, context);
        expect(problem, `input ${Buffer.from(payload).toString('hex')}`).toBeUndefined();
      }
    });
  }

  it('every seed decodes', () => {
    for (const codec of codecsUnderFuzz()) {
      for (const s of SEEDS.get(codec.number) ?? []) {
        const r = codec.decode(s.payload, { model: fuzzModel, ...(s.path ? { path: s.path } : {}) });
        expect(r.ok, `${codec.name}: ${JSON.stringify(r.ok ? '' : r.error)}`).toBe(true);
      }
    }
  });

  it('a huge TLV length is rejected before any allocation', () => {
    const codec = codecsUnderFuzz().find((c) => c.number === 11542);
    const r = codec?.decode(new Uint8Array([0xd8, 0x01, 0xff, 0xff, 0xff]), { path: '/3/0' });
    expect(r?.ok).toBe(false);
  });
  it('a huge CBOR array length is rejected before any allocation', () => {
    const codec = codecsUnderFuzz().find((c) => c.number === 112);
    const r = codec?.decode(new Uint8Array([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), {});
    expect(r?.ok).toBe(false);
  });
  it('deep CBOR nesting is a DecodeError, not a stack overflow', () => {
    const codec = codecsUnderFuzz().find((c) => c.number === 11544);
    const deep = new Uint8Array(100_000).fill(0x81);
    const r = codec?.decode(deep, {});
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.error.reason).not.toMatch(/internal/);
  });
});
