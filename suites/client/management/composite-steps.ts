// The SenML format composite cases use: JSON when the profile claims it, else CBOR.
import type { CaseContext } from '../../../harness/run/context.ts';
import { CF } from '../dm-steps.ts';

export function senmlFormat(ctx: CaseContext): 110 | 112 {
  const format = ctx.target.features.has('format:senml-json') ? CF.senmlJson : ctx.target.features.has('format:senml-cbor') ? CF.senmlCbor : undefined;
  return ctx.precondition(format, 'the profile claims neither SenML JSON nor SenML CBOR');
}
