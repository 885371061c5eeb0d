/**
 * The later chunk: views most shoppers see only after pressing a button or making a choice (the InPost
 * map, the courier's address, a company invoice's details included). Imported by later.ts when they
 * are needed or once the form is in use (and by the server renderer and tests directly).
 */
export { Address } from './Address.tsx';
export { BankNotice } from './BankNotice.tsx';
export { Done } from './Done.tsx';
export { GeowidgetMap } from './GeowidgetMap.tsx';
export { HandoffPage } from './Handoff.tsx';
export { InvoiceDetails } from './InvoiceDetails.tsx';
export { Review } from './Review.tsx';
export { Waiting } from './Waiting.tsx';
