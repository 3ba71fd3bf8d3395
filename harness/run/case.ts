// The case definition API: a case is data (what it tests, per which ETS clause, under which
// configuration and features) plus one async function that drives the target and records checks.
import type { CaseContext } from './context.ts';
import type { LwM2MVersion, TargetRole, TargetView } from '../targets/target-view.ts';

export type { LwM2MVersion, TargetRole };

/** LwM2M interfaces and object groups, as the ETS groups its cases. */
export type Interface =
  | 'bootstrap'
  | 'registration'
  | 'management'
  | 'reporting'
  | 'security'
  | 'objects'
  | 'firmware';

export interface CaseDefinition {
  /** ETS id (`LightweightM2M-1.1-int-101`) or our own (`LWM2MC-REG-001`). */
  readonly id: string;
  readonly title: string;
  readonly interface: Interface;
  /** What is under test. */
  readonly tests: TargetRole;
  /** LwM2M version that introduced the case; older targets get not-applicable. */
  readonly since: LwM2MVersion;
  /** Last version the case applies to (e.g. voided later); absent: all later versions. */
  readonly until?: LwM2MVersion;
  /** ETS configuration the target must be in (Annex C), e.g. 'C.1'. */
  readonly config?: string;
  /** Profile features the case needs; a missing one makes it not-applicable. */
  readonly requires?: readonly string[];
  /**
   * How a device is brought to the case's start: a reboot (the default; it keeps its
   * configuration), or a factory reset for cases that need it un-provisioned (ETS C.13), through
   * the profile's `factory-reset` driver; without that driver the case is not-applicable.
   */
  readonly reset?: 'reboot' | 'factory';
  /**
   * The case judges how the device reacts to the reset it starts from (that a factory-reset
   * device asks for bootstrap): silence after the reset is then its verdict. Otherwise a reset
   * driver the device showed no sign of makes a failing case inconclusive, naming the driver; so
   * does, in either case, a device that registers with the account a factory reset should have removed.
   */
  readonly judgesReset?: boolean;
  /**
   * The case provisions the device's accounts itself through the bootstrap server (ETS C.14), as
   * the bootstrap cases do: the session leaves the bootstrap server to the case, and the case
   * after it starts from a factory reset, so that the usual account is provisioned again.
   */
  readonly provisions?: boolean;
  /**
   * How long the case's own waits (periods, windows, silences) add up to on a target, ms, beside
   * requests' responses and the reset it starts from; check-profile warns when it exceeds
   * timing.caseDeadline.
   */
  readonly waitsMs?: (target: TargetView) => number;
  /**
   * The part of those waits no harness can shorten, ms, with a target's timings: each silence
   * window at the shortest that proves it, and each event the timings fix (a pmax notification, a
   * periodic Send, a lifetime outlasted) at its period. bench/run compares wall time with it. A
   * case that waits only for the target's answers and for moments the target picks itself (an
   * Update before its lifetime ends) leaves it out: what it waited is the target's own time.
   */
  readonly floorMs?: (target: TargetView) => number;
  /** Extra selection tags, e.g. 'smoke'. */
  readonly tags?: readonly string[];
  /** Specification references the case enforces. */
  readonly ref: string;
  /** What the harness does, in one or two sentences (shown in reports). */
  readonly purpose: string;
  /** How the case departs from the ETS text, and why (errata, timing scaled by the profile). */
  readonly notes?: string;
  run(ctx: CaseContext): Promise<void>;
}

export function defineCase(definition: CaseDefinition): CaseDefinition {
  return Object.freeze({ ...definition });
}
