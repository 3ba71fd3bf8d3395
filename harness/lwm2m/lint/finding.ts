// What the strict lint layer reports: one finding per deviation, which cases turn into checks.

export type FindingLevel = 'MUST' | 'SHOULD';

export interface Finding {
  /** Stable identifier, e.g. 'lwm2m.ct-unquoted-list'; cases key their checks on it. */
  readonly id: string;
  readonly level: FindingLevel;
  readonly message: string;
  /** Character index (text payloads) or byte offset (binary payloads), when known. */
  readonly position?: number;
}

export function finding(id: string, level: FindingLevel, message: string, position?: number): Finding {
  return position === undefined ? { id, level, message } : { id, level, message, position };
}

/** True when some finding is a MUST-level violation. */
export function hasViolation(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.level === 'MUST');
}
