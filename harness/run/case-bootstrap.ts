// The harness's reference bootstrap server as a case sees it (`ctx.bootstrap`): the bootstrap
// requests it sends to the device, and waits on what the device sent it, which look from the
// case's start unless the case says since when. Also the ETS bootstrap configurations a case
// provisions itself.
import type { BootstrapEvent, BootstrapEventKind, ReferenceBootstrapServer } from '../peers/bootstrap/bootstrap-server.ts';
import { boundMethods } from './bound-methods.ts';
import { lossAwareWait, stoppingOnNoAnswer } from './lossy-link.ts';

export type { BootstrapEvent, BootstrapEventKind } from '../peers/bootstrap/bootstrap-server.ts';
export type { AccountSecurity, BootstrapConfiguration, ProvisionedInstance } from '../peers/bootstrap/configurations.ts';
export { c13Configuration, serverAccount } from '../peers/bootstrap/configurations.ts';

/** What the bootstrap server sends to the device that asked: a request unanswered through all its retransmissions ends the case inconclusive. */
const requests = ['write', 'writeText', 'read', 'discover', 'delete', 'finish'] as const;

export interface BootstrapWait {
  /** Event position to look from (see `position()`); default: the case's start. */
  since?: number;
  within: number;
  endpoint?: string;
  /** Default: the case's signal. */
  signal?: AbortSignal;
}

export interface CaseBootstrap extends Pick<ReferenceBootstrapServer, (typeof requests)[number] | 'configurationOf'> {
  readonly uri: string;
  /** The position in the bootstrap server's events now: what a later wait's `since` names. */
  position(): number;
  /** The next event of a kind (or of one of several) after `since`, or undefined when `within` ms pass first. */
  waitFor(kind: BootstrapEventKind | readonly BootstrapEventKind[], wait: BootstrapWait): Promise<BootstrapEvent | undefined>;
}

/** The facade of the bootstrap server for one case; `markStart` records where the case begins. */
export function caseBootstrap(peer: ReferenceBootstrapServer, signal: AbortSignal, note: (text: string) => void): CaseBootstrap & { markStart(): void } {
  let start = 0;
  let caseMark = peer.endpoint.trace?.mark() ?? 0;
  return {
    ...stoppingOnNoAnswer(peer, requests),
    ...boundMethods(peer, ['configurationOf'] as const),
    get uri() {
      return peer.uri;
    },
    position: () => peer.events.position(),
    waitFor: (kind, wait) => {
      const once = (within: number) => peer.waitFor(kind, { ...wait, within, since: wait.since ?? start, signal: wait.signal ?? signal });
      const trace = peer.endpoint.trace;
      if (!trace) return once(wait.within);
      return lossAwareWait(once, wait.within, { trace, params: peer.endpoint.params, caseMark, signal: wait.signal ?? signal, note });
    },
    markStart: () => {
      start = peer.events.position();
      caseMark = peer.endpoint.trace?.mark() ?? 0;
    },
  };
}
