// The project's firmware image format: what the bundled device accepts and refuses, on the
// fixtures and on malformed input (never a throw).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImage, checkImage, fileDigest, packageTypes, readHeader } from '../../harness/firmware/image.ts';
import { projectRoot } from '../support/shared.ts';

const fixture = (name: string) => readFileSync(join(projectRoot, 'fixtures', 'firmware', name));

describe('firmware images', () => {
  it('the fixtures are what SHA256SUMS and the README say', () => {
    const sums = readFileSync(join(projectRoot, 'fixtures', 'firmware', 'SHA256SUMS'), 'utf8').trim().split('\n');
    for (const line of sums) {
      const [digest, name] = line.split(/\s+/);
      expect(fileDigest(fixture(name!)), name).toBe(digest);
    }
    expect(checkImage(fixture('valid.fw'))).toMatchObject({ ok: true, header: { type: packageTypes.referenceDevice, version: '1.1.0' } });
    expect(checkImage(fixture('valid-alt.fw'))).toMatchObject({ ok: true, header: { version: '1.2.0' } });
    expect(checkImage(fixture('corrupted.fw'))).toMatchObject({ ok: false, problem: 'integrity' });
    expect(checkImage(fixture('unsupported-type.fw'))).toMatchObject({ ok: true, header: { type: packageTypes.otherDevice } });
    expect(fixture('oversized.fw').length).toBeGreaterThan(32 * 1024);
  });

  it('a cut-short, foreign or padded image is refused, never thrown on', () => {
    const image = buildImage({ type: 1, version: '3.0', payload: Buffer.alloc(100, 7) });
    expect(checkImage(image.subarray(0, image.length - 1))).toMatchObject({ ok: false, problem: 'truncated' });
    expect(checkImage(Buffer.concat([image, Buffer.from([0])]))).toMatchObject({ ok: false, problem: 'integrity' });
    for (const bytes of [Buffer.alloc(0), Buffer.from('LWFW'), Buffer.from([0x4c, 0x57, 0x46, 0x57, 1, 1, 255]), Buffer.alloc(64, 0xff)]) {
      expect(checkImage(bytes).ok).toBe(false);
      expect(readHeader(bytes)).toBeUndefined();
    }
  });
});
