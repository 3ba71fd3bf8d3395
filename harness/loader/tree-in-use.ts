// The compiled tree this process runs from, if any (compiled-tree.js), for the harness's modules
// that start processes of their own: those load the harness the same way. Imported by its
// source's URL: a module of the tree has no copy of compiled-tree.js beside it, and the command
// set the answer in the instance it loaded from the sources.
const { treeInUse: current } = (await import(new URL('./compiled-tree.js', import.meta.url).href)) as { treeInUse(): string | undefined };

/** The tree's root URL, or undefined when this process loads the sources through the module hooks. */
export const treeInUse: string | undefined = current();
