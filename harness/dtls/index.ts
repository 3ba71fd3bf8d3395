// Public surface of the DTLS layer: server and client transports for CoapEndpoint (over the UDP
// socket of harness/transport), their security options, session information and typed errors.
export { DtlsServerTransport } from './server.ts';
export type { DtlsServerOptions, ServerSessionEvent } from './server.ts';
export { DtlsClientTransport } from './client.ts';
export type { DtlsClientOptions } from './client.ts';
export { JsDtlsClientTransport, jsClientCipherSuites } from './js-client.ts';
export { chooseClientStack, clientStackVariable, connectDtlsClient } from './client-stack.ts';
export type { ClientStackOptions, DtlsClient, DtlsClientStack, StackChoice } from './client-stack.ts';
export { certificateCipherSuites, pskCipherSuites } from './options.ts';
export type {
  ClientCertificateOptions, ClientSecurity, KeyMaterial, PskCredentials, PskLookup, RetransmissionOptions,
  ServerCertificateOptions, ServerSecurity,
} from './options.ts';
export type { SessionInfo } from './session.ts';
export {
  DtlsConfigError, DtlsError, DtlsHandshakeError, DtlsNoSessionError, DtlsSessionClosedError, DtlsUnavailableError,
} from './errors.ts';
export type { HandshakeFailure } from './errors.ts';
export { dtlsUnavailableReason } from './native.ts';
export { dtlsAvailability, dtlsCovers } from './availability.ts';
export type { DtlsAvailability } from './availability.ts';
export { identityText } from './names.ts';
