// Reads judged against Discover: int-222 and int-223 require every instance and resource in the
// answer, and Discover is how the client itself says which resources it has.
import type { CaseContext } from '../../../harness/run/context.ts';
import { coreModel } from '../../../harness/lwm2m/model/index.ts';
import { codeOf, decoded, linksOf, multiValueFormat, on, pathsOf, valuesOf } from '../dm-steps.ts';

/** Readable resource paths (/o/i/r) that Discover lists under a path. */
async function discovered(ctx: CaseContext, path: string): Promise<string[]> {
  const links = linksOf(await ctx.server.discover(ctx.target.endpoint, path));
  ctx.precondition(typeof links !== 'string', `Discover of ${path} gave ${String(links)}`);
  const model = coreModel();
  return [...(links as Map<string, unknown>).keys()].filter((uri) => {
    const ids = uri.split('/').filter(Boolean).map(Number);
    const def = ids.length === 3 ? model.resource(ids[0]!, ids[2]!) : undefined;
    return def !== undefined && def.operations.includes('R') && def.type !== 'none';
  });
}

/** Reads each path; check `letter` per path: 2.05, and every readable resource Discover lists is in it. */
export async function readComplete(ctx: CaseContext, paths: readonly string[], letters: readonly [string, string][]): Promise<void> {
  const format = ctx.precondition(multiValueFormat(ctx), 'the profile claims no multi-value format');
  for (const [k, path] of paths.entries()) {
    const [codeLetter, contentLetter] = letters[k]!;
    const expected = await discovered(ctx, path);
    const read = await ctx.server.read(ctx.target.endpoint, path, format);
    ctx.check(codeLetter, 'MUST', `Read of ${path} is answered 2.05 Content`, codeOf(read), '2.05', on(read));
    const present = new Set(pathsOf(valuesOf(decoded(read, path))).map((p) => p.split('/').slice(0, 4).join('/')));
    const missing = expected.filter((p) => !present.has(p));
    ctx.check(contentLetter, 'MUST', `The Read of ${path} holds every readable resource its Discover lists`, missing.length === 0 ? 'all present' : `missing ${missing.join(', ')}`, 'all present', on(read));
  }
}
