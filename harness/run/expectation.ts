// What a check expects: a literal value (compared deeply) or a named predicate, so that the
// report can always say what was expected in words.

export interface Matcher {
  /** Shown in reports as the expected value, e.g. "between 18 and 22 s". */
  readonly describe: string;
  test(actual: unknown): boolean;
}

export type Expectation = Matcher | unknown;

export function isMatcher(value: unknown): value is Matcher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Matcher).describe === 'string' &&
    typeof (value as Matcher).test === 'function'
  );
}

export function satisfies(actual: unknown, expected: Expectation): boolean {
  return isMatcher(expected) ? expected.test(actual) : deepEqual(actual, expected);
}

/** The expected value as it appears in a report. */
export function describeExpectation(expected: Expectation): unknown {
  return isMatcher(expected) ? expected.describe : expected;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Common matchers. */
export const expect = {
  oneOf: (...values: unknown[]): Matcher => ({
    describe: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
    test: (actual) => values.some((v) => deepEqual(actual, v)),
  }),
  between: (min: number, max: number, unit = ''): Matcher => ({
    describe: `between ${min} and ${max}${unit ? ` ${unit}` : ''}`,
    test: (actual) => typeof actual === 'number' && actual >= min && actual <= max,
  }),
  atMost: (max: number, unit = ''): Matcher => ({
    describe: `at most ${max}${unit ? ` ${unit}` : ''}`,
    test: (actual) => typeof actual === 'number' && actual <= max,
  }),
  present: (what = 'present'): Matcher => ({
    describe: what,
    test: (actual) => actual !== undefined && actual !== null,
  }),
  absent: (what = 'absent'): Matcher => ({
    describe: what,
    test: (actual) => actual === undefined || actual === null,
  }),
  matches: (pattern: RegExp, what?: string): Matcher => ({
    describe: what ?? `matches ${pattern}`,
    test: (actual) => typeof actual === 'string' && pattern.test(actual),
  }),
  includes: (item: unknown): Matcher => ({
    describe: `includes ${JSON.stringify(item)}`,
    test: (actual) => Array.isArray(actual) && actual.some((v) => deepEqual(v, item)),
  }),
  excludes: (item: unknown): Matcher => ({
    describe: `does not include ${JSON.stringify(item)}`,
    test: (actual) => Array.isArray(actual) && !actual.some((v) => deepEqual(v, item)),
  }),
  that: (describe: string, test: (actual: unknown) => boolean): Matcher => ({ describe, test }),
};
