// The light catalogue `run` selects from is the suite as allCases gives it: same cases, same
// order, same selection data, each found where the catalogue says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, renderCatalogue } from '../../scripts/generate-case-catalogue.ts';
import { catalogueFile } from '../../suites/catalogue.ts';

describe('suites/catalogue.json', () => {
  it('is what scripts/generate-case-catalogue.ts writes from allCases (run it after adding, moving or retitling a case)', async () => {
    expect(readFileSync(catalogueFile, 'utf8')).toBe(renderCatalogue(await buildCatalogue()));
  });
});
