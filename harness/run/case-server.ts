// The harness's reference LwM2M server as a case sees it (`ctx.server`): the requests it sends
// to the registered device, and waits on what the device sent it, which look from the case's
// start unless the case says since when.
import type { ReferenceServer, ServerEvent, ServerEventKind } from '../peers/server/reference-server.ts';
import type { ServerDtls } from '../peers/server/server-security.ts';
import type { PeerAddress } from '../coap/trace.ts';
import { UnansweringServer } from '../peers/server/unanswering-server.ts';
import { FirmwareServer } from '../peers/server/firmware-server.ts';
import { boundMethods } from './bound-methods.ts';
import { lossAwareWait, stoppingOnNoAnswer } from './lossy-link.ts';

export type { ServerEvent, ServerEventKind, ServerObservation } from '../peers/server/reference-server.ts';
export type { Registration } from '../peers/server/registrations.ts';
export type { ObjectList, RegistrationParams } from '../peers/server/registration-request.ts';
export { listedObjects, objectPaths } from '../peers/server/registration-request.ts';
export type { ServerDtls } from '../peers/server/server-security.ts';
export type { UnansweredRequest, UnansweringServer } from '../peers/server/unanswering-server.ts';
export type { FirmwareServer, PackageRequest } from '../peers/server/firmware-server.ts';
export type { Outcome } from '../peers/outcome.ts';

/** What the server sends to a registered device: a request unanswered through all its retransmissions ends the case inconclusive. */
const requests = ['read', 'write', 'writeBody', 'execute', 'create', 'delete', 'discover', 'writeAttributes', 'readComposite', 'writeComposite', 'request'] as const;
/** The rest of what the case may do with the server. */
const passed = ['observe', 'observeComposite', 'registrationOf', 'drop'] as const;

export interface ServerWait {
  /** Event position to look from (see `position()`); default: the case's start. */
  since?: number;
  within: number;
  /** Only events of this endpoint name. */
  endpoint?: string;
  /** Default: the case's signal. */
  signal?: AbortSignal;
  where?: (event: ServerEvent) => boolean;
  /**
   * Count Registers the server refused with 4.12 for their LwM2M version too. By default a wait
   * for 'register' passes over them: a refused version followed by a Register at the server's
   * version is version negotiation, a normal start.
   */
  versionRefusals?: boolean;
}

export interface CaseServer extends Pick<ReferenceServer, (typeof requests)[number] | (typeof passed)[number]> {
  /** The URI the device registers to. */
  readonly uri: string;
  /** Where the server listens. */
  readonly local: PeerAddress;
  /** The DTLS layer when the server listens with security; cases switch its credentials. */
  readonly dtls: ServerDtls | undefined;
  /** The position in the server's events now: what a later wait's `since` names. */
  position(): number;
  /**
   * The next event of a kind after `since`, or undefined when `within` ms pass first (and the
   * time retransmissions take, when the trace shows the link lost datagrams meanwhile).
   */
  waitFor(kind: ServerEventKind, wait: ServerWait): Promise<ServerEvent | undefined>;
  /** A server beside this one that takes every datagram and answers none (ETS int-7's "non-existent server"); the case closes it. */
  startUnanswering(): Promise<UnansweringServer>;
  /**
   * A CoAP server beside this one serving a firmware package block-wise at `path`, for a device to
   * pull (Package URI); from `stopAtBlock` on it answers nothing (a lost connection). The case closes it.
   */
  serveFirmware(body: Buffer, options: { path: string; stopAtBlock?: number }): Promise<FirmwareServer>;
}

/** The facade of one reference server for one case; `markStart` records where the case begins. */
export function caseServer(peer: ReferenceServer, signal: AbortSignal, note: (text: string) => void): CaseServer & { markStart(): void } {
  let start = 0;
  let caseMark = peer.endpoint.trace?.mark() ?? 0;
  return {
    ...stoppingOnNoAnswer(peer, requests),
    ...boundMethods(peer, passed),
    get uri() {
      return peer.uri;
    },
    get local() {
      return peer.endpoint.local;
    },
    get dtls() {
      return peer.dtls;
    },
    position: () => peer.events.position(),
    waitFor: (kind, { versionRefusals, ...wait }) => {
      const counts = (e: ServerEvent) => versionRefusals === true || !(e.kind === 'register' && e.responseCode === '4.12');
      const once = (within: number) => peer.waitFor(kind, { ...wait, within, since: wait.since ?? start, signal: wait.signal ?? signal, where: (e) => counts(e) && (wait.where?.(e) ?? true) });
      const trace = peer.endpoint.trace;
      if (!trace) return once(wait.within);
      return lossAwareWait(once, wait.within, { trace, params: peer.endpoint.params, caseMark, signal: wait.signal ?? signal, note });
    },
    startUnanswering: () => UnansweringServer.start({ address: peer.endpoint.local.address, trace: peer.endpoint.trace, clock: peer.clock }),
    serveFirmware: (body, options) => FirmwareServer.start({ address: peer.endpoint.local.address, trace: peer.endpoint.trace, clock: peer.clock, body, ...options }),
    markStart: () => {
      start = peer.events.position();
      caseMark = peer.endpoint.trace?.mark() ?? 0;
    },
  };
}
