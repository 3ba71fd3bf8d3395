// The case-selection flags `run` and `list` share: --case, --interface, --tag.
import type { Selection } from '../run/selection.ts';

export const selectionFlags = {
  case: { type: 'string', multiple: true },
  interface: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
} as const;

export function selectionFrom(values: { case?: string[]; interface?: string[]; tag?: string[] }): Selection {
  return {
    ...(values.case ? { ids: values.case } : {}),
    ...(values.interface ? { interfaces: values.interface } : {}),
    ...(values.tag ? { tags: values.tag } : {}),
  };
}
