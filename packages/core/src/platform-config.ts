/**
 * One way for the storefront adapters to refuse a shop's settings: each issue named by its dotted path
 * under the platform's key (`woocommerce.consumerKey`), with what to do, and never a secret's value.
 */
import { z } from 'zod';
import { KasaError } from './errors.ts';

export interface PlatformNames {
  /** The settings block's key, e.g. 'shopify'. */
  readonly key: string;
  /** How merchants write the platform's name, e.g. 'Shopify'. */
  readonly name: string;
}

/**
 * The parsed settings, or KasaError('platform_config_invalid') whose `details.issues` list
 * `{ path, message }` for each wrong setting (an unknown one named by its own path).
 *
 * @example
 * parsePlatformConfig(wooCommerceConfigSchema, { url: 'https://sklep.pl', extra: 1 }, { key: 'woocommerce', name: 'WooCommerce' });
 * // throws; issues include { path: 'woocommerce.extra', message: 'woocommerce.extra is not a WooCommerce setting; …' }
 */
export function parsePlatformConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  platform: PlatformNames,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap((issue) => {
    const path = [platform.key, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: `${path}.${key}`,
        message: `${path}.${key} is not a ${platform.name} setting; remove it or check its spelling`,
      }));
    }
    const message = issue.message.startsWith(`${platform.key}.`)
      ? issue.message
      : `${path}: ${issue.message}`;
    return [{ path, message }];
  });
  throw new KasaError('platform_config_invalid', { details: { platform: platform.key, issues } });
}

/**
 * A list setting that also takes comma-separated text, as an environment variable gives it.
 *
 * @example commaSeparated(z.coerce.number().int()).parse('4, 7'); // [4, 7]
 */
export const commaSeparated = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    z.array(item),
  );
