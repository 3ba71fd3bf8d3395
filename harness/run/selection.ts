// Chooses the cases of a run: by id glob, interface and tag. Each kind of criterion narrows
// the list; several values of one kind widen it.
import type { CaseDefinition } from './case.ts';
import { UsageError } from '../errors.ts';

export interface Selection {
  /** Id globs: `*` any run of characters, `?` one character. */
  ids?: readonly string[];
  interfaces?: readonly string[];
  tags?: readonly string[];
}

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** What selecting needs of a case: a definition, or its entry in the light catalogue. */
export type Selectable = Pick<CaseDefinition, 'id' | 'interface' | 'tags'>;

export function selectCases<C extends Selectable>(cases: readonly C[], selection: Selection): C[] {
  const idPatterns = (selection.ids ?? []).map(globToRegExp);
  const knownInterfaces = new Set(cases.map((c) => c.interface));
  for (const name of selection.interfaces ?? []) {
    if (!knownInterfaces.has(name as CaseDefinition['interface'])) {
      throw new UsageError(`--interface ${name}: no case has this interface (known: ${[...knownInterfaces].join(', ')})`);
    }
  }
  const chosen = cases.filter(
    (c) =>
      (idPatterns.length === 0 || idPatterns.some((p) => p.test(c.id))) &&
      (!selection.interfaces?.length || selection.interfaces.includes(c.interface)) &&
      (!selection.tags?.length || selection.tags.some((t) => c.tags?.includes(t))),
  );
  if (chosen.length === 0 && (idPatterns.length > 0 || selection.tags?.length)) {
    throw new UsageError(`no case matches the selection ${JSON.stringify(selection)}`);
  }
  return chosen;
}
