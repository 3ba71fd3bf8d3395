// The folder tree is the architecture: this test reads every import in harness/ and suites/,
// draws the graph between folders, and fails on a cycle or on an edge the design forbids.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/shared.ts';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(projectRoot, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** `suites`, `harness/<folder>`, or a file at harness/'s top (`harness/errors.ts`). */
function folderOf(file: string): string {
  const parts = file.split(sep);
  if (parts[0] === 'suites') return 'suites';
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file.replace(/\.ts$/, '');
}

// Static imports and re-exports (type-only ones too: they couple modules as much), and dynamic import().
const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

interface Edge {
  from: string;
  to: string;
  /** One importing file and the module it imports, to name in a failure. */
  example: string;
}

function folderEdges(): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  for (const file of [...sourceFiles('harness'), ...sourceFiles('suites')]) {
    const text = readFileSync(join(projectRoot, file), 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const target = relative('.', normalize(join(dirname(file), match[1]!)));
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to || !(target.startsWith('harness') || target.startsWith('suites'))) continue;
      const key = `${from} -> ${to}`;
      if (!edges.has(key)) edges.set(key, { from, to, example: `${file} imports ${target}` });
    }
  }
  return edges;
}

/** Strongly connected components of more than one folder (Tarjan). */
function cycles(edges: Iterable<Edge>): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return found;
}

// What each folder may import, from the design's one-way dependencies. A folder missing here
// fails the test: a new layer takes its place in this table on purpose.
const allowed: Record<string, readonly string[]> = {
  'harness/errors': [],
  'harness/lwm2m': ['harness/errors'],
  'harness/transport': ['harness/errors'],
  // The project's firmware image format: the bundled device verifies it, cases read images in it.
  'harness/firmware': [],
  // How processes load the harness; those that start processes of their own ask it which way.
  'harness/loader': [],
  'harness/dtls': ['harness/transport', 'harness/errors'],
  'harness/coap': ['harness/dtls', 'harness/transport', 'harness/errors'],
  'harness/peers': ['harness/firmware', 'harness/coap', 'harness/transport', 'harness/lwm2m', 'harness/errors'],
  'harness/targets': ['harness/coap', 'harness/lwm2m', 'harness/errors'],
  'harness/sessions': ['harness/peers', 'harness/targets', 'harness/coap', 'harness/transport', 'harness/lwm2m', 'harness/errors'],
  'harness/run': ['harness/firmware', 'harness/sessions', 'harness/peers', 'harness/targets', 'harness/coap', 'harness/lwm2m', 'harness/errors'],
  'harness/report': ['harness/run', 'harness/targets', 'harness/coap', 'harness/lwm2m', 'harness/errors'],
  'harness/runner': ['harness/run', 'harness/report', 'harness/targets', 'harness/loader', 'harness/errors'],
  // Fleets of simulated devices for load: CoAP messages only, no endpoint, peers or sessions.
  'harness/fleet': ['harness/coap', 'harness/loader', 'harness/errors'],
  'harness/commands': ['harness/fleet', 'suites', 'harness/runner', 'harness/run', 'harness/report', 'harness/sessions', 'harness/peers', 'harness/targets', 'harness/coap', 'harness/lwm2m', 'harness/errors'],
  'harness/cli': ['harness/commands', 'harness/errors'],
  // Cases use the case API (run) and lwm2m values and paths, never peers, CoAP or sessions.
  suites: ['harness/run', 'harness/lwm2m', 'harness/errors'],
};

describe('architecture: imports between folders', () => {
  const edges = [...folderEdges().values()];

  it('reads the imports it judges', () => {
    expect(edges.some((e) => e.from === 'suites' && e.to === 'harness/run')).toBe(true);
  });

  it('has no cycle between folders', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('places every folder in the table', () => {
    const folders = new Set(edges.flatMap((e) => [e.from, e.to]));
    expect([...folders].filter((f) => !(f in allowed))).toEqual([]);
  });

  it('has no edge the design forbids', () => {
    const wrong = edges.filter((e) => allowed[e.from] !== undefined && !allowed[e.from]!.includes(e.to)).map((e) => e.example);
    expect(wrong).toEqual([]);
  });
});
