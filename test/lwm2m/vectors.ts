// Reads the shared golden vectors (../shared/vectors/*.json) at test time; never copied here.
import { readFileSync } from 'node:fs';
import { sharedMissing, sharedPath } from '../support/shared.ts';

export interface Vector {
  id: string;
  source: string;
  direction: 'encode' | 'decode' | 'both';
  path?: string | null;
  content_format: number | null;
  bytes_hex?: string;
  text?: string;
  expected: unknown;
  notes?: string;
  depth?: number;
}

export function loadVectors(file: string): Vector[] {
  if (sharedMissing) return [];
  return JSON.parse(readFileSync(sharedPath('vectors', file), 'utf8')) as Vector[];
}
