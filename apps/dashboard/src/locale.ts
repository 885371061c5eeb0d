/** The language the dashboard speaks and its messages, shared by every section through context. */
import { createContext, useContext } from 'react';
import type { Locale } from './format.ts';
import { MESSAGES, type Messages } from './messages.ts';

export interface LocaleValue {
  readonly lang: Locale;
  readonly m: Messages;
}

export const LocaleContext = createContext<LocaleValue>({ lang: 'pl', m: MESSAGES.pl });

export const useLocale = (): LocaleValue => useContext(LocaleContext);
