/**
 * The line `kasa start` prints about the shop origins it lets call the API: a shop page on any other
 * origin gets its widget's requests refused, and its shoppers see only "Coś poszło nie tak".
 *
 * @example shopOriginsLine(['https://sklep.pl']); // '  Shop origins   https://sklep.pl (allowedOrigins, …)'
 */
export function shopOriginsLine(origins: readonly string[]): string {
  const setting = 'allowedOrigins, env KASA_ALLOWED_ORIGINS';
  return origins.length > 0
    ? `  Shop origins   ${origins.join(', ')} (${setting})`
    : `  Shop origins   none: add your shop's origin (scheme://host[:port]) to ${setting}, or its checkout cannot reach Kasa`;
}
