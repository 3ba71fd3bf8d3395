// The impairment spec: what the network between the harness and the target does to datagrams,
// written as comma-separated settings, e.g. "loss=5%,dup=1%,reorder=2%,delay=20-200ms".
// A setting without a direction applies both ways; "loss.in=5%" only to datagrams the target
// sends to the harness, "loss.out=2%" only to those the harness sends. Settings apply left to
// right, so "loss=5%,loss.in=0%" loses only outgoing datagrams. "seed=N" fixes the random
// choices; "none" (or nothing) is no impairment.

export type ImpairmentDirection = 'in' | 'out';

export interface DirectionImpairment {
  /** Probability (0 to 1) that a datagram is lost. */
  loss: number;
  /** Probability that a datagram arrives twice. */
  duplicate: number;
  /** Probability that a datagram is held back and overtaken by the next one. */
  reorder: number;
  /** Every datagram is held this long (uniformly chosen between min and max) before it goes on. */
  delay?: { minMs: number; maxMs: number };
}

export interface ImpairmentSpec {
  in: DirectionImpairment;
  out: DirectionImpairment;
  /** The seed the spec names itself ("seed=N"); a run's --seed takes precedence. */
  seed?: number;
}

/** A spec that cannot be read; the message names the bad part. */
export class ImpairmentSpecError extends Error {
  override readonly name = 'ImpairmentSpecError';
}

const settingNames = ['loss', 'dup', 'reorder', 'delay'] as const;
type SettingName = (typeof settingNames)[number];
const aliases: Record<string, SettingName> = { loss: 'loss', dup: 'dup', duplicate: 'dup', reorder: 'reorder', delay: 'delay' };
const maxSeed = 0xffff_ffff;
const number = String.raw`(\d+(?:\.\d+)?)`;
const delayPattern = new RegExp(String.raw`^${number}(ms|s)?(?:-${number}(ms|s))?$`);

function noImpairment(): DirectionImpairment {
  return { loss: 0, duplicate: 0, reorder: 0 };
}

function fail(part: string, why: string): never {
  throw new ImpairmentSpecError(`"${part}": ${why}`);
}

function probability(part: string, value: string): number {
  const m = new RegExp(`^${number}%$`).exec(value);
  if (!m) fail(part, `give a percentage, e.g. ${part.split('=')[0]}=5%`);
  const percent = Number(m[1]);
  if (percent > 100) fail(part, 'a probability is 0% to 100%');
  return percent / 100;
}

function delay(part: string, value: string): { minMs: number; maxMs: number } {
  const m = delayPattern.exec(value);
  if (!m || (m[3] === undefined && m[2] === undefined)) fail(part, 'give a delay with its unit, e.g. delay=50ms or delay=20-200ms');
  const ms = (n: string, unit: string) => Number(n) * (unit === 's' ? 1000 : 1);
  const maxUnit = m[4] ?? m[2]!;
  const minMs = ms(m[1]!, m[2] ?? maxUnit);
  const maxMs = m[3] === undefined ? minMs : ms(m[3], maxUnit);
  if (minMs > maxMs) fail(part, `the shorter delay comes first (${minMs} ms is more than ${maxMs} ms)`);
  return { minMs, maxMs };
}

export function parseSeed(text: string, part = `seed=${text}`): number {
  if (!/^\d+$/.test(text) || Number(text) > maxSeed) fail(part, `a seed is a whole number from 0 to ${maxSeed}`);
  return Number(text);
}

/** Reads a spec; undefined for "none" or an empty text. Throws ImpairmentSpecError. */
export function parseImpairmentSpec(text: string): ImpairmentSpec | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return undefined;
  const spec: ImpairmentSpec = { in: noImpairment(), out: noImpairment() };
  for (const raw of trimmed.split(',')) {
    const part = raw.trim();
    if (part === '') fail(text, 'an empty setting between commas');
    const eq = part.indexOf('=');
    if (eq < 0) fail(part, 'a setting is NAME=VALUE, e.g. loss=5%');
    const [key, direction, ...more] = part.slice(0, eq).trim().split('.');
    const value = part.slice(eq + 1).trim();
    if (key === 'seed' && direction === undefined) {
      spec.seed = parseSeed(value, part);
      continue;
    }
    const name = aliases[key!];
    if (!name) fail(part, `unknown setting "${key}" (known: ${settingNames.join(', ')}, seed)`);
    if (more.length || (direction !== undefined && direction !== 'in' && direction !== 'out')) {
      fail(part, `a direction is ${name}.in (datagrams the target sends) or ${name}.out (datagrams the harness sends)`);
    }
    const targets = direction === undefined ? [spec.in, spec.out] : [spec[direction as ImpairmentDirection]];
    for (const t of targets) {
      if (name === 'loss') t.loss = probability(part, value);
      else if (name === 'dup') t.duplicate = probability(part, value);
      else if (name === 'reorder') t.reorder = probability(part, value);
      else t.delay = delay(part, value);
    }
  }
  return spec;
}

function percent(p: number): string {
  return `${Number((p * 100).toFixed(6))}%`;
}

function settingsOf(d: DirectionImpairment): Map<string, string> {
  const out = new Map<string, string>();
  if (d.loss) out.set('loss', percent(d.loss));
  if (d.duplicate) out.set('dup', percent(d.duplicate));
  if (d.reorder) out.set('reorder', percent(d.reorder));
  if (d.delay) out.set('delay', d.delay.minMs === d.delay.maxMs ? `${d.delay.minMs}ms` : `${d.delay.minMs}-${d.delay.maxMs}ms`);
  return out;
}

/** The spec written back in its own syntax (without the seed), e.g. "loss=5%,dup.in=1%"; "loss=0%" when it does nothing. */
export function describeImpairment(spec: ImpairmentSpec): string {
  const inbound = settingsOf(spec.in);
  const outbound = settingsOf(spec.out);
  const parts: string[] = [];
  for (const name of ['loss', 'dup', 'reorder', 'delay']) {
    const i = inbound.get(name);
    const o = outbound.get(name);
    if (i !== undefined && i === o) parts.push(`${name}=${i}`);
    else {
      if (i !== undefined) parts.push(`${name}.in=${i}`);
      if (o !== undefined) parts.push(`${name}.out=${o}`);
    }
  }
  return parts.length ? parts.join(',') : 'loss=0%';
}
