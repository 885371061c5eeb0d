export * from './blik.ts';
export * from './checkout.ts';
