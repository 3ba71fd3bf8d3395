// The named methods of an object, bound to it: how a facade passes a peer's requests through
// without handing the case the peer itself.
export function boundMethods<T extends object, K extends keyof T>(target: T, names: readonly K[]): Pick<T, K> {
  return Object.fromEntries(names.map((name) => [name, (target[name] as (...args: unknown[]) => unknown).bind(target)])) as Pick<T, K>;
}
