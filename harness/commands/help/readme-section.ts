// README's command-line reference, rendered from the same descriptions as `--help`, and put
// between its markers by scripts/generate-command-reference.ts.
import { flagLabel, groupsOf, program, usageText, type CommandHelp } from './command-help.ts';

export const beginMarker = '<!-- command reference: generated from harness/commands/help/ by scripts/generate-command-reference.ts; do not edit -->';
export const endMarker = '<!-- end of command reference -->';

/** Markdown of plain text: code spans kept, characters Markdown would read as markup escaped. */
function md(text: string, inTable = false): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_<>[\]]/g, (c) => `\\${c}`)))
    .join('')
    .replace(/\|/g, inTable ? '\\|' : '|');
}

const code = (text: string, inTable = false) => `\`${inTable ? text.replace(/\|/g, '\\|') : text}\``;

function commandSection(help: CommandHelp): string {
  const out = [`### ${help.name}`, '', `${md(help.summary.charAt(0).toUpperCase() + help.summary.slice(1))}.`, '', '```', usageText(help).replace(/^usage: /, ''), '```', ''];
  for (const p of help.description) out.push(md(p), '');
  if (help.arguments?.length) {
    out.push('| argument | meaning |', '|---|---|', ...help.arguments.map((a) => `| ${code(a.name, true)} | ${md(a.text, true)} |`), '');
  }
  for (const group of groupsOf(help)) {
    if (group.title !== 'options') out.push(`${md(group.title)}:`, '');
    out.push('| option | meaning |', '|---|---|', ...group.options.map((o) => `| ${code(flagLabel(o), true)} | ${md(o.text, true)} |`), '');
  }
  for (const note of help.notes ?? []) {
    out.push(`${md(note.title)}:`, '', ...note.items.map((i) => `- ${i.term ? `${code(i.term)}: ` : ''}${md(i.text)}`), '');
  }
  out.push('Examples:', '', '```sh', ...help.examples.flatMap((e) => [`# ${e.text.replace(/`/g, '')}`, `${program} ${e.command}`]), '```', '');
  return out.join('\n');
}

/** The generated section, markers included. */
export function commandReference(helps: readonly CommandHelp[]): string {
  return [beginMarker, '', ...helps.map(commandSection), endMarker].join('\n');
}

/** README with its command reference replaced by `reference`; throws when the markers are missing. */
export function withCommandReference(readme: string, reference: string): string {
  const begin = readme.indexOf(beginMarker);
  const end = readme.indexOf(endMarker);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks the command reference markers (${beginMarker} … ${endMarker})`);
  return readme.slice(0, begin) + reference + readme.slice(end + endMarker.length);
}
