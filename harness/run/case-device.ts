// The target device's configuration as cases address it (`ctx.device`): the server account it
// uses with the harness's server (its Security and Server object instances and Short Server ID)
// and the content formats it claims. The account is the one the harness's bootstrap
// configurations give a device (ETS C.1); the formats come from the profile.
import { c1ServerAccount } from '../peers/bootstrap/configurations.ts';
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

export function deviceConfigurationOf(target: TargetView): DeviceConfiguration {
  const path = `/1/${c1ServerAccount.serverInstance}`;
  return {
    serverAccount: { ...c1ServerAccount, path, resource: (id) => `${path}/${id}` },
    formats: [...target.features].filter((f) => f.startsWith('format:')).map((f) => f.slice('format:'.length)),
  };
}
