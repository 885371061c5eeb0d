/**
 * What every part of the UI needs besides the state: the controller, the words in the shopper's
 * language, money formatting and error texts (core's shopper messages, the same words the API answers
 * with through describeError).
 */
import { type ErrorCode, formatMoney, type Money } from '@kasa/core';
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Controller } from '../controller/controller.ts';
import type { FieldPath, WidgetState } from '../controller/types.ts';
import { loadErrorTexts } from './error-texts.ts';
import type { Messages } from './messages.ts';
import { errorTextsFor, type Locale, wordsFor } from './words.ts';

export interface Ui {
  readonly controller: Controller;
  readonly t: Messages;
  readonly locale: Locale;
  readonly money: (m: Money) => string;
  /** Undefined while the Polish texts are not here yet: show errors through useErrorText. */
  readonly errorText: (code: ErrorCode) => string | undefined;
  /** A delivery or payment name from the shop, in this language when it is a known one. */
  readonly name: (text: string) => string;
  /** Section heading level: 2 in one-page, 3 under the step heading in multi-step. */
  readonly level: 2 | 3;
}

/** The locale amounts are shown in, for the checkout's language. */
const moneyLocale = (locale: Locale): string => (locale === 'en' ? 'en-GB' : 'pl-PL');

export function makeUi(controller: Controller, locale: Locale): Ui {
  const { layout } = controller.config;
  const { t, names } = wordsFor(locale);
  const tag = moneyLocale(locale);
  return {
    controller,
    t,
    locale,
    money: (m) => formatMoney(m, tag),
    // describeError's shopper text, without the merchant catalog (which the browser never shows).
    // Polish texts are looked up when asked for: they may arrive after this Ui was made.
    errorText: (code) => errorTextsFor(locale)?.[code],
    name: (text) => names?.[text] ?? text,
    level: layout === 'multi-step' ? 3 : 2,
  };
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('Kasa UI parts must be rendered inside <App controller={…} />');
  return ui;
}

/**
 * A code's text in the shopper's language. A Polish text not fetched yet is fetched now and the caller
 * renders again once it is here: meanwhile nothing is shown, never the code. When the texts cannot be
 * fetched (offline), the general "there was a problem" stands in until a later error fetches them.
 */
export function useErrorText(code: ErrorCode | undefined): string | undefined {
  const { errorText, t } = useUi();
  const [fetched, settled] = useState<'waiting' | 'arrived' | 'failed'>('waiting');
  const text = code && errorText(code);
  const missing = Boolean(code) && !text;
  useEffect(() => {
    if (missing)
      loadErrorTexts().then(
        () => settled('arrived'),
        () => settled('failed'),
      );
  }, [missing, code]);
  return text || (missing && fetched === 'failed' ? t.problem : undefined);
}

/** Re-renders on every state change of the controller (the server snapshot is the same state). */
export const useWidgetState = (controller: Controller): WidgetState =>
  useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);

/** Element ids are scoped by the shadow root; the prefix keeps them apart when mounted without one. */
export const idOf = (path: FieldPath | string): string => `kasa-${path.replace(/\./g, '-')}`;
export const errorIdOf = (path: FieldPath | string): string => `${idOf(path)}-error`;
