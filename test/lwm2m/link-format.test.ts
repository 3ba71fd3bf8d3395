import { describe, expect, it } from 'vitest';
import { decodeLinkFormat, encodeLinkFormat, type Link } from '../../harness/lwm2m/formats/link-format.ts';
import { lintLinkFormat } from '../../harness/lwm2m/lint/link-format.ts';
import { hasViolation } from '../../harness/lwm2m/lint/finding.ts';
import { sharedMissing, sharedMissingReason } from '../support/shared.ts';
import { loadVectors, type Vector } from './vectors.ts';
import { exceptionFor } from './exceptions.ts';

function linkVectors(): Vector[] {
  const own = loadVectors('link_format.json');
  const spec = loadVectors('spec-examples.json').filter(
    (v) => v.content_format === 40 || (typeof v.expected === 'object' && v.expected !== null && 'links' in v.expected),
  );
  return [...own, ...spec];
}

/** Strips `quoted: false` etc. so comparisons match the vector notation. */
function normalize(links: Link[]): Link[] {
  return links.map((l) => ({
    uri: l.uri,
    attributes: l.attributes.map((a) => ({
      name: a.name,
      ...(a.value !== undefined ? { value: a.value } : {}),
      ...(a.quoted ? { quoted: true } : {}),
    })),
  }));
}

describe.skipIf(sharedMissing)(`link-format vectors (${sharedMissing ? sharedMissingReason : 'shared'})`, () => {
  for (const v of linkVectors()) {
    const exception = exceptionFor('link-format', v.id);
    it.skipIf(exception !== undefined)(`${v.id} (${v.direction})`, () => {
      const text = v.text ?? '';
      if (v.expected === 'error') {
        // Rejected by the lenient decoder, or a MUST-level finding of the strict lint layer.
        const decoded = decodeLinkFormat(text);
        const rejected = !decoded.ok || hasViolation(lintLinkFormat(text));
        expect(rejected, JSON.stringify(decoded)).toBe(true);
        return;
      }
      const expected = (v.expected as { links: Link[] }).links;
      if (v.direction !== 'encode') {
        const decoded = decodeLinkFormat(text);
        expect(decoded.ok, JSON.stringify(decoded)).toBe(true);
        if (decoded.ok) expect(normalize(decoded.value)).toEqual(expected);
      }
      if (v.direction !== 'decode') {
        expect(encodeLinkFormat(expected)).toBe(text);
      }
    });
  }
});

describe('link-format lint', () => {
  const ids = (text: string, context?: 'register') => lintLinkFormat(text, context ? { context } : {}).map((f) => f.id);
  it('flags an unquoted multi-value ct', () => {
    expect(ids('</>;ct=60 110 112,</1/0>')).toContain('lwm2m.ct-unquoted-list');
    expect(ids('</>;ct="60 110 112",</1/0>')).not.toContain('lwm2m.ct-unquoted-list');
  });
  it('flags duplicate attributes', () => {
    expect(ids('</>;ct=110;ct=112')).toContain('lwm2m.duplicate-attribute');
  });
  it('flags ver on an instance link and quoted ver', () => {
    expect(ids('</1/0>;ver=1.1')).toContain('lwm2m.ver-not-on-object');
    expect(ids('</1>;ver="1.1"')).toContain('lwm2m.ver-quoted');
    expect(ids('</1>;ver=1.1')).toEqual([]);
  });
  it('flags a missing leading slash and whitespace', () => {
    const found = ids('</>;ct=110,112,11543;hb,<1/0>, <3/0>');
    expect(found).toContain('lf.uri-no-leading-slash');
    expect(found).toContain('lf.whitespace');
  });
  it('flags /0 and /21 in a Register list and a wrong Content-Format', () => {
    expect(ids('</0/0>,</1/0>', 'register')).toContain('lwm2m.register-lists-security');
    expect(ids('</21/0>,</1/0>', 'register')).toContain('lwm2m.register-lists-oscore');
    const cf = lintLinkFormat('</1/0>', { context: 'register', contentFormat: 0 }).map((f) => f.id);
    expect(cf).toContain('lwm2m.register-content-format');
  });
  it('gives positions', () => {
    const f = lintLinkFormat('</1>;ver="1.1"').find((x) => x.id === 'lwm2m.ver-quoted');
    expect(f?.position).toBe(5);
  });
});
