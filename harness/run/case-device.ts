// The target device's configuration as cases address it (`ctx.device`): the server account it
// uses with the harness's server (its Security and Server object instances and Short Server ID)
// and the content formats it claims. The session learns the account (the profile, the
// device's Register and reads); without a session that did, the C.1 numbers stand in.
import { assumedAccount, type LearnedAccount } from '../sessions/server-account.ts';
import type { TargetView } from '../targets/target-view.ts';

export interface ServerAccount {
  /** Security object instance (/0/x) of the account. */
  readonly securityInstance: number;
  /** Server object instance (/1/x) of the account. */
  readonly serverInstance: number;
  /** Short Server ID (/1/x/0, /0/x/10). */
  readonly ssid: number;
  /** Path of the Server object instance, e.g. '/1/0'. */
  readonly path: string;
  /** Path of one of its Server object resources, e.g. resource(1) is the Lifetime '/1/0/1'. */
  resource(id: number): string;
}

export interface DeviceConfiguration {
  readonly serverAccount: ServerAccount;
  /** Content formats the device claims, by the profile's names ('text', 'tlv', 'senml-cbor', …). */
  readonly formats: readonly string[];
}

/** The configuration a case sees; `note` tells the case's report, once, how the account was found. */
export function deviceConfigurationOf(target: TargetView, learned: LearnedAccount = assumedAccount('this run learns no account'), note: (text: string) => void = () => {}): DeviceConfiguration {
  const { serverInstance, ssid, securityInstance } = learned.account;
  const path = `/1/${serverInstance}`;
  let noted = false;
  const serverAccount: ServerAccount = { serverInstance, ssid, securityInstance, path, resource: (id) => `${path}/${id}` };
  return {
    get serverAccount() {
      if (!noted) note(`server account ${path} (SSID ${ssid}, Security /0/${securityInstance}): ${learned.how}`);
      noted = true;
      return serverAccount;
    },
    formats: [...target.features].filter((f) => f.startsWith('format:')).map((f) => f.slice('format:'.length)),
  };
}
