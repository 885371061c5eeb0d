/** @kasa/payments-stripe/fake: a local fake of the Stripe API subset Kasa uses, for the real SDK. */
export { type FakeBlikOutcome, fakeBlikOutcome } from './blik-outcomes.ts';
export { parseStripeForm } from './form.ts';
export {
  FAKE_API_VERSION,
  type FakeDelivery,
  type StripeFake,
  type StripeFakeOptions,
  startStripeFake,
} from './stripe-fake.ts';
