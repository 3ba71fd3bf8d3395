// The network impairment layer's spec and seeds (harness/transport), offered to the layers above
// that do not reach the transport themselves (targets: the profile's harness.impair, --impair).
export { describeImpairment, ImpairmentSpecError, parseImpairmentSpec, parseSeed } from '../transport/impairment-spec.ts';
export type { DirectionImpairment, ImpairmentSpec } from '../transport/impairment-spec.ts';
export { freshSeed } from '../transport/seeded-random.ts';
export type { DatagramImpairment } from '../transport/impairment.ts';
