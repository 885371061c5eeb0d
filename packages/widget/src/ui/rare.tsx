/**
 * The later chunk: views most shoppers see only after pressing a button (the InPost map included). Imported by later.ts when
 * they are needed (and by the server renderer and tests directly).
 */
export { BankNotice } from './BankNotice.tsx';
export { Done } from './Done.tsx';
export { GeowidgetMap } from './GeowidgetMap.tsx';
export { HandoffPage } from './Handoff.tsx';
export { Review } from './Review.tsx';
export { Waiting } from './Waiting.tsx';
