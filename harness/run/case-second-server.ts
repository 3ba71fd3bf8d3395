// The second reference LwM2M server of the multi-server cases (ETS C.14), as a case sees it
// (`ctx.secondServer`): started on first use, then seen through the same facade as `ctx.server`,
// its waits looking from the moment the case asked for it.
import type { SecondServer } from '../sessions/second-server.ts';
import { caseServer, type CaseServer } from './case-server.ts';

export interface CaseSecondServer {
  /** The second server (SSID 2 in C.14), started when first asked for. */
  start(): Promise<CaseServer>;
}

export function caseSecondServer(second: SecondServer, signal: AbortSignal, note: (text: string) => void): CaseSecondServer {
  let facade: Promise<CaseServer> | undefined;
  return {
    start: () => {
      facade ??= second.server().then((server) => {
        const seen = caseServer(server, signal, note);
        seen.markStart();
        return seen;
      });
      return facade;
    },
  };
}
