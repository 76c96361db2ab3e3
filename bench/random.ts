/**
 * A small deterministic random generator (xorshift), so every run types the same thing. In a
 * module of its own, so the REST readers' worker can use it without loading Yjs.
 */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}
