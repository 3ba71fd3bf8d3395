// What a command says about itself: its synopsis, what it does, every option with one line of
// text, notes (fault lists, stdin commands) and examples. `--help` and README's command-line
// reference are both rendered from these descriptions, so the two never disagree.

export interface OptionHelp {
  /** The long flag without its dashes, exactly as the command's parseArgs names it. */
  readonly name: string;
  /** The placeholder of its value ('FILE', 'N'); none for a switch. */
  readonly value?: string;
  readonly short?: string;
  /** It may be given more than once. */
  readonly repeatable?: boolean;
  /** One line: what it does, its default. Text in backticks is code (shown plain on a terminal). */
  readonly text: string;
}

export interface OptionGroup {
  /** 'options', or a heading such as 'DTLS (the server then listens on coaps://)'. */
  readonly title: string;
  readonly options: readonly OptionHelp[];
}

/** A block of reference lines after the options: faults, stdin commands, the management API. */
export interface HelpNote {
  readonly title: string;
  /** Items as `term: text` (term shown as code in README), or plain lines when term is absent. */
  readonly items: readonly { readonly term?: string; readonly text: string }[];
}

export interface HelpExample {
  /** The command line after `lwm2m-conformance `. */
  readonly command: string;
  readonly text: string;
}

export interface CommandHelp {
  readonly name: string;
  /** One line, for the list of commands. */
  readonly summary: string;
  /** Lines after `lwm2m-conformance `; the first starts with the command's name. */
  readonly synopsis: readonly string[];
  /** Paragraphs. */
  readonly description: readonly string[];
  /** Positional arguments. */
  readonly arguments?: readonly { readonly name: string; readonly text: string }[];
  readonly groups: readonly OptionGroup[];
  readonly notes?: readonly HelpNote[];
  readonly examples: readonly HelpExample[];
}

export const program = 'lwm2m-conformance';

/** Every command takes --help; it is documented once, here. */
export const helpOption: OptionHelp = { name: 'help', short: 'h', text: 'print this help and exit' };

/** The groups with --help added to the first, as both renderings show them. */
export function groupsOf(help: CommandHelp): OptionGroup[] {
  const [first, ...rest] = help.groups;
  if (!first) return [{ title: 'options', options: [helpOption] }];
  return [{ ...first, options: [...first.options, helpOption] }, ...rest];
}

/** Every long flag the help documents, --help included. */
export function documentedFlags(help: CommandHelp): string[] {
  return groupsOf(help).flatMap((g) => g.options.map((o) => o.name));
}

/** `--case GLOB (repeatable)`, `--quiet, -q`. */
export function flagLabel(option: OptionHelp): string {
  return `--${option.name}${option.value ? ` ${option.value}` : ''}${option.short ? `, -${option.short}` : ''}${option.repeatable ? ' (repeatable)' : ''}`;
}

/** The usage lines, as errors about usage repeat them. */
export function usageText(help: CommandHelp): string {
  return help.synopsis.map((line, i) => `${i === 0 ? `usage: ${program} ` : '         '}${line.trim()}`).join('\n');
}

const plain = (text: string) => text.replace(/`([^`]*)`/g, '$1');

/** Words wrapped at `width`, each line after the first indented by `indent`. */
function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** `--help`: usage, description, options (one line each), notes and examples. */
export function helpText(help: CommandHelp): string {
  const groups = groupsOf(help);
  const labels = [...groups.flatMap((g) => g.options.map(flagLabel)), ...(help.arguments ?? []).map((a) => a.name)];
  // Columns line up, but a long flag does not push every text to the right.
  const column = Math.min(30, Math.max(...labels.map((l) => l.length))) + 2;
  const row = (label: string, text: string) => `  ${label.padEnd(Math.max(column, label.length + 2))}${plain(text)}`;
  const out = [usageText(help), '', ...help.description.map((p) => `${wrap(plain(p), 100)}\n`)];
  if (help.arguments?.length) out.push('arguments:', ...help.arguments.map((a) => row(a.name, a.text)));
  for (const group of groups) out.push(`${group.title}:`, ...group.options.map((o) => row(flagLabel(o), o.text)));
  for (const note of help.notes ?? []) out.push(`${note.title}:`, ...note.items.map((i) => `  ${plain(i.term ? `${i.term}: ${i.text}` : i.text)}`));
  out.push('examples:', ...help.examples.flatMap((e) => [`  ${program} ${e.command}`, `      ${plain(e.text)}`]));
  return out.join('\n');
}
