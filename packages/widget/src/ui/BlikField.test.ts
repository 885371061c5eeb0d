// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { setup } from '../testing/setup.ts';
import { App } from './App.tsx';

afterEach(cleanup);

function blikInput() {
  const harness = setup();
  const view = render(createElement(App, { controller: harness.controller }));
  const input = view.getByLabelText('Kod BLIK') as HTMLInputElement;
  const typeIn = (value: string) => fireEvent.input(input, { target: { value } });
  return { ...harness, input, typeIn };
}

describe('BLIK code field', () => {
  it('shows the code as "123 456" while typing', () => {
    const { input, typeIn, controller } = blikInput();
    typeIn('1234');
    expect(input.value).toBe('123 4');
    typeIn('123 456');
    expect(input.value).toBe('123 456');
    expect(controller.getState().blik).toEqual({ status: 'code_entered', digits: '123456' });
  });

  it.each(['123 456', '123-456', ' 123456 '])('accepts a pasted "%s"', (pasted) => {
    const { input, typeIn } = blikInput();
    typeIn(pasted);
    expect(input.value).toBe('123 456');
  });

  it('keeps leading zeros', () => {
    const { input, typeIn, controller } = blikInput();
    typeIn('012345');
    expect(input.value).toBe('012 345');
    expect(controller.getState().blik.digits).toBe('012345');
  });

  it('takes digits only, and at most six', () => {
    const { input, typeIn } = blikInput();
    typeIn('1a2b3c');
    expect(input.value).toBe('123');
    typeIn('1234567');
    expect(input.value).toBe('123 456');
  });

  it('follows the BLIK Level 0 checklist: numeric keyboard, no placeholder, no autofocus, no autocomplete', () => {
    const { input } = blikInput();
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('pattern')).toBe('[0-9 ]*');
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.hasAttribute('placeholder')).toBe(false);
    expect(input.hasAttribute('autofocus')).toBe(false);
    expect(input.type).toBe('text');
    expect(input.ownerDocument.activeElement).not.toBe(input);
  });

  it('is offered first, with BLIK in capitals, and preselected', () => {
    const { input } = blikInput();
    const radios = Array.from(
      input.ownerDocument.querySelectorAll<HTMLInputElement>('input[name="paymentMethod"]'),
    );
    expect(radios[0]?.value).toBe('blik');
    expect(radios[0]?.checked).toBe(true);
    expect(radios[0]?.closest('label')?.textContent).toBe('BLIK');
  });
});
