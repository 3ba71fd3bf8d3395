// The JSON Schema for editors matches the loader's schema, and every example profile is valid.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProfileSchema } from '../../scripts/generate-profile-schema.ts';
import { loadProfile } from '../../harness/targets/profile.ts';
import { projectRoot } from '../support/shared.ts';

describe('profile schema', () => {
  it('schemas/profile.schema.json is up to date (node --import tsx scripts/generate-profile-schema.ts)', () => {
    expect(readFileSync(join(projectRoot, 'schemas', 'profile.schema.json'), 'utf8')).toBe(renderProfileSchema());
  });

  const examples = readdirSync(join(projectRoot, 'fixtures', 'profiles')).filter((f) => f.endsWith('.yaml'));
  it.each(examples)('example %s loads', async (file) => {
    const profile = await loadProfile(join(projectRoot, 'fixtures', 'profiles', file));
    expect(profile.name.length).toBeGreaterThan(0);
  });
});
