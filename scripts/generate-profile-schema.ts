// Writes schemas/profile.schema.json from the profile schema the loader uses, so editors
// validate profiles the same way. Usage: node --import tsx scripts/generate-profile-schema.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { profileJsonSchema } from '../harness/targets/profile.ts';

export function renderProfileSchema(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = fileURLToPath(new URL('../schemas/profile.schema.json', import.meta.url));
  writeFileSync(file, renderProfileSchema());
  console.log(`wrote ${file}`);
}
