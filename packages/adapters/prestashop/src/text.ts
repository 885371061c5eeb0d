/**
 * PrestaShop validates object fields with `Validate::is*` rules and refuses the whole write when
 * one fails. Shopper input is fitted to those rules before it is sent, so a stray character never
 * costs an order.
 */

const squash = (text: string, max: number) => text.replace(/\s+/g, ' ').trim().slice(0, max).trim();

/** `isName`: no digits, no `!<>,;?=+()/\@#"°*\`{}_^$%:¤[]|`, a dot only before a space or at the end. */
export function psName(text: string, max = 255): string {
  const cleaned = text.replace(/[0-9!<>,;?=+()/\\@#"°*`{}_^$%:¤[\]|]/gu, ' ').replace(/[.。](?!\s|$)/gu, ' ');
  return squash(cleaned, max) || '-';
}

/** `isGenericName`: no `<>={}`. */
export const psGenericName = (text: string, max = 255): string => squash(text.replace(/[<>={}]/g, ' '), max);

/** `isAddress`: no `!<>?=+@{}_$%`. */
export const psAddress = (text: string, max = 128): string =>
  squash(text.replace(/[!<>?=+@{}_$%]/g, ' '), max);

/** `isCityName`: no `!<>;?=+@#"°{}_$%`. */
export const psCity = (text: string, max = 64): string =>
  squash(text.replace(/[!<>;?=+@#"°{}_$%]/g, ' '), max);

/** `isPhoneNumber`: digits, `+`, dots, spaces, brackets, slashes and dashes. */
export const psPhone = (text: string): string => text.replace(/[^+0-9. ()/-]/g, '').slice(0, 32);
