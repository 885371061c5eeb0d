import { randomBytes } from 'node:crypto';

/** 128 random bits, URL-safe: ids a shopper could not guess or enumerate. */
export const randomId = (prefix: string): string => `${prefix}_${randomBytes(16).toString('base64url')}`;
