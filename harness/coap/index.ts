// Public surface of the harness CoAP layer: wire model, endpoint, Observe, trace and errors.
export * from './message.ts';
export * from './options.ts';
export * from './errors.ts';
export * from './trace.ts';
export * from './transmission.ts';
export * from './types.ts';
export { CoapEndpoint, defaultLimits } from './endpoint.ts';
export type { BindOptions, DatagramFilter, EndpointLimits, RequestHandler } from './endpoint.ts';
export { Observation, ObserveRelation, isFresher } from './observe.ts';
export type { ObservationEndReason } from './observe.ts';
export { Block1Assembler, sliceBlock } from './blockwise.ts';
export { ExpiringMap } from './dedup.ts';
export { UdpTransport, openTransport } from './transport.ts';
export type { ClientEndpointSecurity, DatagramTransport, EndpointSecurity, ServerEndpointSecurity, UdpBindOptions } from './transport.ts';
export { parseCoapUri } from './uri.ts';
export type { CoapUri } from './uri.ts';
