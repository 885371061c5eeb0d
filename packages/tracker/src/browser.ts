/**
 * The tracker as a script a page loads next to the checkout widget: it sends the widget's events
 * to the collector beside this script (`<kasa>/widget/kasa-tracker.<hash>.js` → `<kasa>/api/collect`).
 */
import { createTracker } from './index.ts';
import { drainPageQueue } from './queue-bridge.ts';

const endpoint = new URL(/* @vite-ignore */ '../api/collect', import.meta.url).href;
drainPageQueue(window as never, ({ shopId }) => createTracker({ endpoint, shopId }));
