// The secured server accounts a case can have the bootstrap server provision (int-1, int-2), as
// the case sees them (`ctx.secureAccounts`): per mode, a DTLS listener of the reference server,
// seen through the same facade as `ctx.server`, and the credentials written to the device.
import type { SecureAccounts, SecureMode } from '../sessions/secure-accounts.ts';
import type { AccountSecurity } from '../peers/bootstrap/configurations.ts';
import { caseServer, type CaseServer } from './case-server.ts';

export type { SecureMode } from '../sessions/secure-accounts.ts';

export interface CaseSecureAccount {
  readonly mode: SecureMode;
  /** The listener: its events and DTLS layer are what the case judges. */
  readonly server: CaseServer;
  /** coaps:// URI written to /0/x/0. */
  readonly uri: string;
  /** The credentials written to /0/x/2..5 (and /0/x/14, /0/x/15). */
  readonly security: AccountSecurity;
  /** What the handshake must authenticate: the PSK identity, or the client certificate's common name. */
  readonly identity: string;
}

export interface CaseSecureAccounts {
  /** Why the harness cannot provision this mode to the target, or undefined when it can. */
  unavailable(mode: SecureMode): string | undefined;
  /** The account in `mode`, its listener started on first use. */
  account(mode: SecureMode): Promise<CaseSecureAccount>;
}

export function caseSecureAccounts(accounts: SecureAccounts, signal: AbortSignal, note: (text: string) => void): CaseSecureAccounts {
  return {
    unavailable: (mode) => accounts.unavailable(mode),
    account: async (mode) => {
      const { server, ...account } = await accounts.account(mode);
      return { ...account, server: caseServer(server, signal, note) };
    },
  };
}
