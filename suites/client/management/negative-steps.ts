// What our own negative Device Management cases (LWM2MC-DM-nnn) share: in configuration C.1 the
// server sends one request the client must refuse (or accept) with a given code; one check.
import { defineCase, type CaseDefinition } from '../../../harness/run/case.ts';
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome } from '../../../harness/run/case-server.ts';
import { codeOf, configured, on } from '../dm-steps.ts';

export interface Negative {
  id: string;
  title: string;
  ref: string;
  purpose: string;
  requires?: string[];
  notes?: string;
  expected: string;
  what: string;
  send(ctx: CaseContext): Promise<Outcome>;
}

export function negative(n: Negative): CaseDefinition {
  return defineCase({
    id: n.id,
    title: n.title,
    interface: 'management',
    tests: 'client',
    since: '1.1',
    config: 'C.1',
    ...(n.requires ? { requires: n.requires } : {}),
    ref: n.ref,
    purpose: n.purpose,
    ...(n.notes ? { notes: n.notes } : {}),
    async run(ctx) {
      await configured(ctx, 'C.1');
      const outcome = await n.send(ctx);
      ctx.check('A', 'MUST', `${n.what} is answered ${n.expected}`, codeOf(outcome), n.expected, on(outcome));
    },
  });
}

/** The clauses the Write-Attributes negatives enforce. */
export const attributeRef = 'OMA-TS-LightweightM2M_Core §5.1.2 (attribute rules), §6.3.4 (4.00 Bad Request); PITFALLS IF-15';

/** A Write-Attributes the client must refuse with 4.00: `query` on `path`. */
export function refusedAttributes(n: { id: string; title: string; purpose: string; path: string; query: string }): CaseDefinition {
  return negative({
    id: n.id, title: n.title, purpose: n.purpose, requires: ['operation:write-attributes'], ref: attributeRef,
    expected: '4.00', what: `PUT ${n.path}?${n.query}`,
    send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, n.path, n.query),
  });
}
