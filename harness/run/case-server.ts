// The harness's reference LwM2M server as a case sees it (`ctx.server`): the requests it sends
// to the registered device, and waits on what the device sent it, which look from the case's
// start unless the case says since when.
import type { ReferenceServer, ServerEvent, ServerEventKind } from '../peers/server/reference-server.ts';
import type { ServerDtls } from '../peers/server/server-security.ts';
import type { PeerAddress } from '../coap/trace.ts';
import { UnansweringServer } from '../peers/server/unanswering-server.ts';
import { FirmwareServer } from '../peers/server/firmware-server.ts';
import { boundMethods } from './bound-methods.ts';

export type { ServerEvent, ServerEventKind, ServerObservation } from '../peers/server/reference-server.ts';
export type { Registration } from '../peers/server/registrations.ts';
export type { ObjectList, RegistrationParams } from '../peers/server/registration-request.ts';
export { listedObjects, objectPaths } from '../peers/server/registration-request.ts';
export type { ServerDtls } from '../peers/server/server-security.ts';
export type { UnansweredRequest, UnansweringServer } from '../peers/server/unanswering-server.ts';
export type { FirmwareServer, PackageRequest } from '../peers/server/firmware-server.ts';
export type { Outcome } from '../peers/outcome.ts';

/** What the server sends to a registered device, and its record of the registration. */
const requests = ['read', 'write', 'writeBody', 'execute', 'create', 'delete', 'discover', 'writeAttributes', 'readComposite', 'writeComposite', 'observe', 'observeComposite', 'request', 'registrationOf', 'drop'] as const;

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

export interface CaseServer extends Pick<ReferenceServer, (typeof requests)[number]> {
  /** The URI the device registers to. */
  readonly uri: string;
  /** Where the server listens. */
  readonly local: PeerAddress;
  /** The DTLS layer when the server listens with security; cases switch its credentials. */
  readonly dtls: ServerDtls | undefined;
  /** The position in the server's events now: what a later wait's `since` names. */
  position(): number;
  /** The next event of a kind after `since`, or undefined when `within` ms pass first. */
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
export function caseServer(peer: ReferenceServer, signal: AbortSignal): CaseServer & { markStart(): void } {
  let start = 0;
  return {
    ...boundMethods(peer, requests),
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
      return peer.waitFor(kind, { ...wait, since: wait.since ?? start, signal: wait.signal ?? signal, where: (e) => counts(e) && (wait.where?.(e) ?? true) });
    },
    startUnanswering: () => UnansweringServer.start({ address: peer.endpoint.local.address, trace: peer.endpoint.trace, clock: peer.clock }),
    serveFirmware: (body, options) => FirmwareServer.start({ address: peer.endpoint.local.address, trace: peer.endpoint.trace, clock: peer.clock, body, ...options }),
    markStart: () => {
      start = peer.events.position();
    },
  };
}
