/**
 * Reads back what the shopper typed or ticked into the server-rendered form before the script
 * arrived, by the inputs' `name` (= FieldPath), so hydration keeps every keystroke.
 */
import { emptyForm } from '../controller/state.ts';
import type { RestoredValues } from '../controller/types.ts';

const CHOICES: Record<string, 'shippingOptionId' | 'pickupPointId' | 'paymentMethodId'> = {
  shippingOption: 'shippingOptionId',
  pickupPoint: 'pickupPointId',
  paymentMethod: 'paymentMethodId',
};

export function readTypedValues(root: ParentNode): RestoredValues {
  const out: Record<string, string | boolean> = {};
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('input[name]'))) {
    const { name, type } = input;
    if (type === 'radio') {
      const key = CHOICES[name];
      if (key && input.checked) out[key] = input.value;
    } else if (Object.hasOwn(emptyForm, name)) {
      const empty = emptyForm[name as keyof typeof emptyForm];
      if (type === 'checkbox' && typeof empty === 'boolean') out[name] = input.checked;
      else if (typeof empty === 'string') out[name] = input.value;
    }
  }
  return out as RestoredValues;
}
