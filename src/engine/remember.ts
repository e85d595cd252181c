/**
 * A pure function of a string, remembered: at most `limit` results are kept, and a full memory
 * starts over (the engine's inputs repeat a few hundred keys, so an LRU would buy little).
 */
export function remembered<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const memory = new Map<string, T>();
  return (key) => {
    let value = memory.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memory.size >= limit) memory.clear();
      memory.set(key, value);
    }
    return value;
  };
}
