// The request/response shapes the CoAP endpoint exchanges with its users (reference LwM2M
// server and client), kept apart from the endpoint so Observe and block-wise code can share them.
import type { CoapMessage, CoapMethod, CoapOption } from './message.ts';
import type { BlockOption } from './options.ts';
import type { PeerAddress } from './trace.ts';
import type { ObserveRelation } from './observe.ts';

export type { PeerAddress } from './trace.ts';
export type { CoapMethod } from './message.ts';

export interface IncomingRequest {
  peer: PeerAddress;
  /** The request as received (for Block1: the last block). */
  message: CoapMessage;
  /** Trace sequence number of that datagram, so judgements can point at it. */
  seq: number;
  method: CoapMethod;
  /** '/rd/5a3f'; '/' when there is no Uri-Path. */
  path: string;
  query: string[];
  /** Whole body, reassembled when the request came block-wise. */
  payload: Buffer;
  contentFormat?: number;
  accept?: number;
  observe?: number;
  /** Set when the body arrived block-wise: the final Block1 value. */
  block1?: BlockOption;
  /**
   * Present on GET/FETCH with Observe=0: registers an observation relation with this peer and
   * token. The response (if 2.xx) carries an Observe number and the relation becomes active;
   * an error response discards it.
   */
  startObservation?: () => ObserveRelation;
}

export interface ResponseSpec {
  code: string;
  payload?: Buffer | string;
  contentFormat?: number;
  options?: CoapOption[];
  /** '/rd/x' → Location-Path options. */
  locationPath?: string;
  /** Same as calling req.startObservation(); the relation is then reachable via endpoint.activeRelations(). */
  observe?: boolean;
}

export interface RequestSpec {
  method: CoapMethod;
  path: string;
  query?: string[];
  payload?: Buffer | string;
  contentFormat?: number;
  accept?: number;
  observe?: 0 | 1;
  options?: CoapOption[];
  /** Default true. */
  confirmable?: boolean;
  /** Default: 8 random bytes. */
  token?: Buffer;
  /** Do not follow Block2 or split into Block1 automatically (raw single exchange). */
  noBlockwise?: boolean;
}

export interface CoapResponse {
  peer: PeerAddress;
  /** The response message as received (for Block2: the first block). */
  message: CoapMessage;
  /** Trace sequence number of that message's datagram. */
  seq: number;
  code: string;
  /** Whole body, reassembled when the response came block-wise. */
  payload: Buffer;
  contentFormat?: number;
  /** '' when the response has no Location-Path. */
  locationPath: string;
  /** Observe option value, when present. */
  observe?: number;
}

export type NotifyOutcome = 'acked' | 'sent' | 'reset' | 'timeout' | 'inactive' | 'closed';

export type RelationEndReason =
  | 'rst' // the client answered a notification with RST
  | 'deregister' // GET with Observe=1 and the same token
  | 'timeout' // a confirmable notification was never acknowledged
  | 'error-response' // a non-2.xx notification ended it
  | 'reregistered' // a new Observe=0 with the same token replaced it
  | 'cancelled' // ended locally
  | 'closed'; // endpoint closed
