// Write-Attributes consistency rules and the SenML / Content-Format lint checks.
import { describe, expect, it } from 'vitest';
import { checkAttributes, parseAttributeQuery } from '../../harness/lwm2m/attributes.ts';
import { lintContentFormat, lintSenmlJson } from '../../harness/lwm2m/lint/index.ts';
import { utf8 } from '../../harness/lwm2m/bytes.ts';
import { parsePath, formatPath } from '../../harness/lwm2m/path.ts';

const ids = (query: string, path?: string) => {
  const parsed = parseAttributeQuery(query);
  if (!parsed.ok) return ['parse-error'];
  return checkAttributes(parsed.value, path ? { path } : {}).map((f) => f.id);
};

describe('attributes', () => {
  it('checks lt < gt, lt + 2*st < gt, pmin <= pmax, epmin <= epmax', () => {
    expect(ids('lt=20&gt=85&st=10')).toEqual([]);
    expect(ids('lt=50&gt=49')).toEqual(['attr.lt-not-below-gt']);
    expect(ids('lt=10&st=2&gt=12')).toEqual(['attr.step-overlaps']);
    expect(ids('pmin=50&pmax=49')).toEqual(['attr.pmin-above-pmax']);
    expect(ids('epmin=5&epmax=4')).toEqual(['attr.epmin-above-epmax']);
  });
  it('parses the 1.2 attributes edge, con, hqmax', () => {
    expect(parseAttributeQuery('edge=1&con=0&hqmax=5').ok).toBe(true);
    expect(parseAttributeQuery('edge=2').ok).toBe(false);
  });
  it('ver belongs on objects', () => {
    expect(ids('ver=1.1', '/3')).toEqual([]);
    expect(ids('ver=1.1', '/3/0/9')).toEqual(['attr.ver-not-on-object']);
  });
});

describe('paths', () => {
  it('parses and formats every level, rejects bad ids', () => {
    for (const p of ['/', '/3', '/3/0', '/3/0/1', '/3/0/6/0', '/65535/65535/65535/65535']) {
      const r = parsePath(p);
      expect(r.ok && formatPath(r.value)).toBe(p);
    }
    for (const p of ['/65536', '/3/x', '/3//1', '/1/2/3/4/5', '/-1']) expect(parsePath(p).ok, p).toBe(false);
    expect(parsePath('3/0', { allowRelative: false }).ok).toBe(false);
    expect(parsePath('/65535/0', { rejectMaxId: true }).ok).toBe(false);
  });
});

describe('SenML and Content-Format lint', () => {
  it('flags standard base64 or padding in SenML JSON vd', () => {
    expect(lintSenmlJson('[{"n":"/0/0/3","vd":"q83v"}]')).toEqual([]);
    expect(lintSenmlJson('[{"n":"/0/0/3","vd":"+/8="}]').map((f) => f.id)).toEqual(['senml.vd-not-base64url', 'senml.vd-padded']);
  });
  it('flags a payload that does not match its Content-Format', () => {
    const link = utf8('</1/0>,</3/0>');
    expect(lintContentFormat(40, link)).toEqual([]);
    const f = lintContentFormat(11542, utf8('[{"n":"/3/0/9","v":1}]'), { path: '/3/0' });
    expect(f.map((x) => x.id)).toEqual(['cf.mismatch']);
    expect(f[0]?.message).toMatch(/110/);
    expect(lintContentFormat(1542, new Uint8Array([0xc1, 0x09, 0x64]), { path: '/3/0/9' }).map((x) => x.id)).toEqual(['cf.legacy-number']);
  });
});
