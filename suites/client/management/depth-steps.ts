// Steps of the Discover-with-depth cases (1.2-int-264, 1.2-int-266): the link URIs of an answer
// and the notification attributes a link carries.
import type { Outcome } from '../../../harness/run/case-server.ts';
import { linkAttributes, linksOf } from '../dm-steps.ts';

/** The URIs of a Discover answer, in order; a text when it did not parse. */
export function uris(outcome: Outcome): string[] | string {
  const links = linksOf(outcome);
  return typeof links === 'string' ? links : [...links.keys()];
}

/** The given attributes of one link (absent ones left out); a text when the link is missing. */
export function attributesOf(outcome: Outcome, uri: string, names: readonly string[]): Record<string, unknown> | string {
  const attributes = linkAttributes(linksOf(outcome), uri);
  if (typeof attributes === 'string') return `${uri}: ${attributes}`;
  return Object.fromEntries(names.filter((n) => n in attributes).map((n) => [n, attributes[n]]));
}
