import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a narrow screen: a named region that keyboard users can focus
 * to scroll it with the arrow keys.
 */
export function TableScroll({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
