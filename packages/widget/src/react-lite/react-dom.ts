/** `react-dom` for the browser bundle: Preact's render and hydrate (see react.ts for why not compat). */
import { hydrate, render } from 'preact';

export { hydrate, render };

export function unmountComponentAtNode(container: Element): boolean {
  render(null, container);
  return true;
}
