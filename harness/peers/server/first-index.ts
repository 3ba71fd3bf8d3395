// An index whose key may name several values yet usually names one: get() gives the first
// added still present, as a scan in insertion order would. The common single value costs one
// Map entry; values beyond the first wait in a list of their own.

export class FirstIndex<K, V> {
  private readonly first = new Map<K, V>();
  private readonly later = new Map<K, V[]>();

  get(key: K): V | undefined {
    return this.first.get(key);
  }

  add(key: K, value: V): void {
    if (!this.first.has(key)) {
      this.first.set(key, value);
      return;
    }
    const waiting = this.later.get(key);
    if (waiting) waiting.push(value);
    else this.later.set(key, [value]);
  }

  /** Removes this value under this key; the next one added under the key takes its place. */
  delete(key: K, value: V): void {
    if (this.first.get(key) === value) {
      const waiting = this.later.get(key);
      const next = waiting?.shift();
      if (next === undefined) this.first.delete(key);
      else this.first.set(key, next);
      if (waiting?.length === 0) this.later.delete(key);
      return;
    }
    const waiting = this.later.get(key);
    const at = waiting?.indexOf(value) ?? -1;
    if (at < 0) return;
    waiting!.splice(at, 1);
    if (waiting!.length === 0) this.later.delete(key);
  }

  clear(): void {
    this.first.clear();
    this.later.clear();
  }
}
