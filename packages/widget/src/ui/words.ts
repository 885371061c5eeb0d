/**
 * The widget's words per language. Polish is in the bundle, but for its error texts (error-texts.ts);
 * English is a chunk of its own, fetched when a shopper or a shop asks for it, so the bundle stays
 * within its weight budget. The server renders with both at hand (provideWords), so its first view is
 * never missing a word.
 */
import { type ErrorTexts, polishErrorTexts } from './error-texts.ts';
import { type Messages, pl } from './messages.ts';

export type Locale = 'pl' | 'en';

export interface Words {
  readonly t: Messages;
  /**
   * Core's shopper messages for each error code, the same words the API answers with. Absent from
   * Polish: its texts come in a chunk of their own (error-texts.ts).
   */
  readonly errors?: ErrorTexts;
  /** Delivery and payment names the shop sends in Polish, in this language (by the Polish name). */
  readonly names?: Readonly<Record<string, string>>;
}

const known: Partial<Record<Locale, Words>> = { pl: { t: pl } };

/** The words for a language when they are loaded, else Polish. */
export const wordsFor = (locale: Locale): Words => known[locale] ?? (known.pl as Words);

/** The error texts a language has now: its own, or the Polish chunk's once that is here. */
export const errorTextsFor = (locale: Locale): ErrorTexts | undefined =>
  wordsFor(locale).errors ?? polishErrorTexts();

export const hasWords = (locale: Locale): boolean => Boolean(known[locale]);

/** Loads a language's words (once); resolves when they are there. */
export function loadWords(locale: Locale): Promise<unknown> {
  if (known[locale]) return Promise.resolve();
  return import('./messages-en.ts').then((module) => {
    known.en = module.words;
  });
}

/** Puts a language's words in place at once (server rendering and tests import them directly). */
export function provideWords(locale: Locale, words: Words): void {
  known[locale] = words;
}
