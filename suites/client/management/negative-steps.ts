// What our own negative Device Management cases (LWM2MC-DM-nnn) share: in configuration C.1 the
// server sends one request the client must refuse (or accept) with a given code. Where the TS's
// tables allow more than one code for the situation, the MUST check accepts each of them and a
// SHOULD check may prefer one.
import { defineCase, type CaseDefinition } from '../../../harness/run/case.ts';
import type { CaseContext } from '../../../harness/run/context.ts';
import type { Outcome } from '../../../harness/run/case-server.ts';
import { expect } from '../../../harness/run/expectation.ts';
import { codeOf, configured, on } from '../dm-steps.ts';

export interface Negative {
  id: string;
  title: string;
  ref: string;
  purpose: string;
  requires?: string[];
  notes?: string;
  /** The code, or every code the TS allows for the situation. */
  expected: string | readonly string[];
  /** Of several allowed codes, the one the TS's wording fits best: a SHOULD check. */
  preferred?: string;
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
      const allowed = typeof n.expected === 'string' ? [n.expected] : n.expected;
      ctx.check('A', 'MUST', `${n.what} is answered ${allowed.join(' or ')}`, codeOf(outcome), allowed.length === 1 ? allowed[0]! : expect.oneOf(...allowed), on(outcome));
      if (n.preferred !== undefined && allowed.includes(codeOf(outcome))) {
        ctx.check('B', 'SHOULD', `${n.what} is answered ${n.preferred}`, codeOf(outcome), n.preferred, on(outcome));
      }
    },
  });
}

/** The clauses the Write-Attributes negatives enforce. */
export const attributeRef = 'OMA-TS-LightweightM2M_Core §5.1.2 (attribute rules), §6.3.4 (4.00 Bad Request); PITFALLS IF-15';

/**
 * A Write-Attributes the client must refuse: `query` on `path`; 4.00 unless `expected` says
 * which codes the TS allows (Core Write-Attributes responses: 4.00 Bad Request, 4.05 "target
 * not allowed for Write-Attributes").
 */
export function refusedAttributes(n: { id: string; title: string; purpose: string; path: string; query: string; expected?: readonly string[]; preferred?: string }): CaseDefinition {
  return negative({
    id: n.id, title: n.title, purpose: n.purpose, requires: ['operation:write-attributes'], ref: attributeRef,
    expected: n.expected ?? '4.00', ...(n.preferred !== undefined ? { preferred: n.preferred } : {}), what: `PUT ${n.path}?${n.query}`,
    send: (ctx) => ctx.server.writeAttributes(ctx.target.endpoint, n.path, n.query),
  });
}
