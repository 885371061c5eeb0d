import type { Locale } from '../format.ts';
import { useLocale } from '../locale.ts';
import type { View } from '../url-state.ts';

const LANGUAGES: readonly { readonly lang: Locale; readonly name: string }[] = [
  { lang: 'pl', name: 'Polski' },
  { lang: 'en', name: 'English' },
];

/** The title, the language switch (each language named in itself) and signing out. */
export function Header({
  view,
  onLanguage,
  onSignOut,
}: {
  readonly view: View;
  readonly onLanguage: (lang: Locale) => void;
  readonly onSignOut: (() => void) | null;
}) {
  const { m } = useLocale();
  return (
    <header className="page-header">
      <h1>{m.title}</h1>
      <div className="header-actions">
        <fieldset className="segmented">
          <legend className="visually-hidden">{m.language}</legend>
          {LANGUAGES.map(({ lang, name }) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              aria-pressed={view.lang === lang}
              onClick={() => onLanguage(lang)}
            >
              {name}
            </button>
          ))}
        </fieldset>
        {onSignOut ? (
          <button type="button" className="secondary" onClick={onSignOut}>
            {m.signOut}
          </button>
        ) : null}
      </div>
    </header>
  );
}
