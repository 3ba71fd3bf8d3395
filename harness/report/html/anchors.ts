// The ids a report page gives each case, stable across runs so that other pages (a
// compatibility matrix, a ticket, a chat message) can link to `index.html#case-<id>`: the case
// id itself, with any character an id attribute or URL fragment would not carry as-is replaced.
export function caseAnchor(caseId: string): string {
  return `case-${caseId.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}
