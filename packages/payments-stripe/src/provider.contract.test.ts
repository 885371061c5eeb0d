import { describePaymentProvider } from '@kasa/payment-testing';
import { stripeHarness } from './test-helpers.ts';

// The real `stripe` SDK against the local fake over HTTP, on a hand-moved clock.
describePaymentProvider('stripe', stripeHarness);
