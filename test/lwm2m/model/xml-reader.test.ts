// The DDF subset XML reader: structure, text forms, line numbers, and located syntax errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childNamed, readXml } from '../../../harness/lwm2m/model/xml-reader.ts';

function root(text: string) {
  const result = readXml(text);
  if (!result.ok) throw new Error(`unexpected error: ${JSON.stringify(result.error)}`);
  return result.root;
}

function syntaxError(text: string) {
  const result = readXml(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

describe('readXml', () => {
  it('reads elements, attributes, text, CDATA, comments and the declaration', () => {
    const doc = root(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- header -->\r\n<A x="1" y=\'two\'>\r\n' +
        '  <B>hello <![CDATA[<raw> & stuff]]> world</B>\r\n  <C/>\r\n  <!-- <D>not an element</D> -->\r\n</A>\r\n',
    );
    expect(doc.name).toBe('A');
    expect([...doc.attributes]).toEqual([['x', '1'], ['y', 'two']]);
    expect(doc.children.map((c) => c.name)).toEqual(['B', 'C']);
    expect(childNamed(doc, 'B')?.text).toBe('hello <raw> & stuff world');
    expect(childNamed(doc, 'C')?.text).toBe('');
  });

  it('resolves predefined entities and character references', () => {
    const doc = root('<A t="&quot;q&apos;">&lt;&gt;&amp;&#60;&#x3E;&#233;</A>');
    expect(doc.text).toBe('<>&<>é');
    expect(doc.attributes.get('t')).toBe('"q\'');
  });

  it('skips a DOCTYPE with an internal subset', () => {
    expect(root('<!DOCTYPE A [ <!ELEMENT A (#PCDATA)> ]>\n<A>x</A>').text).toBe('x');
  });

  it('gives each element the line its start tag is on (CRLF counts once)', () => {
    const doc = root('<A>\r\n\r\n  <B>\r\n    <C/>\r\n  </B>\r\n</A>');
    const b = childNamed(doc, 'B')!;
    expect(doc.line).toBe(1);
    expect(b.line).toBe(3);
    expect(childNamed(b, 'C')!.line).toBe(4);
  });

  it.each([
    ['<A>\n<B>\n</A>', 3, /does not match <B> opened on line 2/],
    ['<A>\n  <B>x', 2, /<B> opened on line 2 is never closed/],
    ['<A>\n<!-- open', 2, /unterminated comment/],
    ['<A>\n<![CDATA[ open', 2, /unterminated CDATA/],
    ['<A>\n&bogus;</A>', 2, /unknown entity "&bogus;"/],
    ['<A>\n a & b</A>', 2, /unterminated entity reference/],
    ['<A x="1" x="2"/>', 1, /duplicate attribute x/],
    ['<A x=1/>', 1, /expected quoted value/],
    ['<A/>\n<B/>', 2, /content after the root element/],
    ['\n\n  text', 3, /text outside the root element/],
    ['', 1, /no root element/],
    ['<A>\n</>', 2, /expected element name in end tag/],
  ])('reports %j as a syntax error on line %i', (text, line, message) => {
    const error = syntaxError(text);
    expect(error.kind).toBe('xml-syntax');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it('never throws, whatever the input', () => {
    const xmlish = fc.array(
      fc.constantFrom('<', '>', '/', '!', '?', '-', '[', ']', '&', ';', '#', '"', "'", '=', ' ', '\n', 'A', 'x', 'CDATA', '--', 'amp', '<A>', '</A>', '<![CDATA[', ']]>', '<!--', '-->'),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), xmlish.map((parts) => parts.join(''))), (text) => {
        const result = readXml(text);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});
