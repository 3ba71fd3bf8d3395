// Vitest's global setup: compiles the command's tree of JavaScript (harness/loader/compiled-tree.js)
// once, before any test starts the command. Otherwise the first commands that test files start
// side by side would each find it missing and compile all of it.
export default async function compileTreeFirst(): Promise<void> {
  const { compiledTree } = (await import(new URL('../../harness/loader/compiled-tree.js', import.meta.url).href)) as { compiledTree(): Promise<string | undefined> };
  await compiledTree();
}
