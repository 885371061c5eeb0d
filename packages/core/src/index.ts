export * from './errors.ts';
export * from './events.ts';
export * from './machine/index.ts';
export * from './money.ts';
export * from './ports.ts';
export * from './schemas.ts';
export * from './totals.ts';
export * from './validators.ts';
