/** Shannon entropy of `value` in bits per character (0 for an empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;

  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);

  const length = [...value].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Number of distinct characters in `value`. */
export function distinctChars(value: string): number {
  return new Set(value).size;
}
