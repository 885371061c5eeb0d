const hex = (random: () => number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
  return s;
};

/**
 * A UUID made on the client. Version 7 starts with the 48-bit Unix time in ms (so ids sort by
 * time); version 4 is random only (used for the anonymous visitor id).
 *
 * @example uuid(7, Date.now(), Math.random); // '0190a5f2-3b1c-7d2e-9f00-1a2b3c4d5e6f'
 */
export function uuid(version: 4 | 7, ms: number, random: () => number): string {
  const t = version === 7 ? Math.floor(ms).toString(16).padStart(12, '0').slice(-12) : hex(random, 12);
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  const r = hex(random, 18);
  return `${t.slice(0, 8)}-${t.slice(8)}-${version}${r.slice(0, 3)}-${variant}${r.slice(3, 6)}-${r.slice(6)}`;
}
