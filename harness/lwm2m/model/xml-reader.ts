// A small, total XML reader for the subset OMA object definition files (DDF) use: elements,
// attributes, text, CDATA, comments, character and predefined entities, the XML declaration,
// processing instructions and a DOCTYPE (skipped). Every node carries the line it starts on.
// It never throws: malformed input yields an XmlSyntaxError with its line and column.

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Text and CDATA directly inside this element, concatenated, entities resolved. */
  readonly text: string;
  /** 1-based line of the element's start tag. */
  readonly line: number;
}

export interface XmlSyntaxError {
  readonly kind: 'xml-syntax';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type XmlReadResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly error: XmlSyntaxError };

interface OpenElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;

/** Signals a syntax error inside the reader; caught in readXml, never escapes it. */
class Stop {
  constructor(readonly error: XmlSyntaxError) {}
}

class Cursor {
  pos = 0;
  readonly src: string;
  /** Offsets at which each line starts; LF ends a line (CR LF counts once). */
  private readonly lineStarts: number[] = [0];

  constructor(src: string) {
    this.src = src;
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  get done(): boolean {
    return this.pos >= this.src.length;
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** Line and column of an offset, both 1-based. */
  where(offset: number = this.pos): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  fail(message: string, offset: number = this.pos): never {
    const { line, column } = this.where(offset);
    throw new Stop({ kind: 'xml-syntax', message, line, column });
  }

  skipSpace(): void {
    while (!this.done && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  /** Moves past `terminator`, returning what lay before it. */
  until(terminator: string, what: string): string {
    const end = this.src.indexOf(terminator, this.pos);
    if (end < 0) this.fail(`unterminated ${what}: missing "${terminator}"`);
    const content = this.src.slice(this.pos, end);
    this.pos = end + terminator.length;
    return content;
  }

  name(what: string): string {
    const start = this.pos;
    if (this.done || !NAME_START.test(this.src[this.pos]!)) this.fail(`expected ${what}`);
    this.pos++;
    while (!this.done && NAME_CHAR.test(this.src[this.pos]!)) this.pos++;
    return this.src.slice(start, this.pos);
  }
}

/** Resolves entity references in text; `offset` locates errors. */
function decodeEntities(cur: Cursor, raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;\s&<]*);?/g, (match, body: string, at: number) => {
    if (!match.endsWith(';')) cur.fail(`unterminated entity reference "${match}"`, offset + at);
    if (body.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]+$/.test(body)
        ? parseInt(body.slice(2), 16)
        : /^#[0-9]+$/.test(body)
          ? parseInt(body.slice(1), 10)
          : NaN;
      if (!Number.isFinite(code) || code > 0x10ffff) {
        cur.fail(`bad character reference "${match}"`, offset + at);
      }
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED_ENTITIES[body];
    if (value === undefined) cur.fail(`unknown entity "${match}"`, offset + at);
    return value;
  });
}

function readAttributes(cur: Cursor, elementName: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (;;) {
    const before = cur.pos;
    cur.skipSpace();
    if (cur.done) cur.fail(`unterminated start tag <${elementName}>`);
    if (cur.startsWith('>') || cur.startsWith('/>')) return attributes;
    if (cur.pos === before) cur.fail(`expected whitespace before attribute in <${elementName}>`);
    const nameAt = cur.pos;
    const name = cur.name(`attribute name in <${elementName}>`);
    cur.skipSpace();
    if (!cur.startsWith('=')) cur.fail(`expected "=" after attribute ${name}`);
    cur.pos++;
    cur.skipSpace();
    const quote = cur.src[cur.pos];
    if (quote !== '"' && quote !== "'") cur.fail(`expected quoted value for attribute ${name}`);
    cur.pos++;
    const valueAt = cur.pos;
    const raw = cur.until(quote, `value of attribute ${name}`);
    if (raw.includes('<')) cur.fail(`"<" in value of attribute ${name}`, valueAt);
    if (attributes.has(name)) cur.fail(`duplicate attribute ${name}`, nameAt);
    attributes.set(name, decodeEntities(cur, raw, valueAt));
  }
}

function close(open: OpenElement): XmlElement {
  return {
    name: open.name,
    attributes: open.attributes,
    children: open.children,
    text: open.text,
    line: open.line,
  };
}

function parse(cur: Cursor): XmlElement {
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;

  const addText = (text: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (text.trim() !== '') cur.fail('text outside the root element', at + text.search(/\S/));
  };

  while (!cur.done) {
    const at = cur.pos;
    if (cur.startsWith('<!--')) {
      cur.pos += 4;
      cur.until('-->', 'comment');
    } else if (cur.startsWith('<![CDATA[')) {
      if (stack.length === 0) cur.fail('CDATA section outside the root element');
      cur.pos += 9;
      addText(cur.until(']]>', 'CDATA section'), at);
    } else if (cur.startsWith('<?')) {
      cur.pos += 2;
      cur.until('?>', 'processing instruction');
    } else if (cur.startsWith('<!DOCTYPE')) {
      if (stack.length > 0 || root) cur.fail('DOCTYPE after the root element started');
      skipDoctype(cur);
    } else if (cur.startsWith('</')) {
      cur.pos += 2;
      const name = cur.name('element name in end tag');
      cur.skipSpace();
      if (!cur.startsWith('>')) cur.fail(`expected ">" to close end tag </${name}>`);
      cur.pos++;
      const open = stack.pop();
      if (!open) cur.fail(`end tag </${name}> without a start tag`, at);
      if (open.name !== name) {
        cur.fail(`end tag </${name}> does not match <${open.name}> opened on line ${open.line}`, at);
      }
      finish(open);
    } else if (cur.startsWith('<')) {
      cur.pos++;
      if (root) cur.fail('content after the root element', at);
      const name = cur.name('element name after "<"');
      const attributes = readAttributes(cur, name);
      const open: OpenElement = { name, attributes, children: [], text: '', line: cur.where(at).line };
      if (cur.startsWith('/>')) {
        cur.pos += 2;
        finish(open);
      } else {
        cur.pos++;
        stack.push(open);
      }
    } else {
      const next = cur.src.indexOf('<', cur.pos);
      const end = next < 0 ? cur.src.length : next;
      const raw = cur.src.slice(cur.pos, end);
      if (raw.includes(']]>')) cur.fail('"]]>" in text', at + raw.indexOf(']]>'));
      cur.pos = end;
      addText(decodeEntities(cur, raw, at), at);
    }
  }

  function finish(open: OpenElement): void {
    const element = close(open);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
  }

  const unclosed = stack[stack.length - 1];
  if (unclosed) cur.fail(`element <${unclosed.name}> opened on line ${unclosed.line} is never closed`);
  if (!root) cur.fail('no root element');
  return root;
}

/** Skips `<!DOCTYPE ...>` including an internal subset in brackets. */
function skipDoctype(cur: Cursor): void {
  let depth = 0;
  for (; !cur.done; cur.pos++) {
    const c = cur.src[cur.pos];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) {
      cur.pos++;
      return;
    }
  }
  cur.fail('unterminated DOCTYPE');
}

/** Reads an XML document; never throws. A leading byte-order mark is ignored. */
export function readXml(text: string): XmlReadResult {
  const cur = new Cursor(text.startsWith('\uFEFF') ? text.slice(1) : text);
  try {
    return { ok: true, root: parse(cur) };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, error: e.error };
    // Only a defect in this reader can get here; report it as a located error, not a crash.
    const { line, column } = cur.where();
    return { ok: false, error: { kind: 'xml-syntax', message: `internal reader error: ${String(e)}`, line, column } };
  }
}

/** The first direct child named `name`, if any. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
