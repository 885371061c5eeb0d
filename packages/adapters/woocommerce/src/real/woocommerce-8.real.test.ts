import { describeRealWooCommerce } from './suite.ts';

// The oldest WooCommerce the plugin claims (Additional Checkout Fields); its Store API wants a nonce
// beside the Cart-Token. The same matrix as 10.0.2, without the browser path.
describeRealWooCommerce('8.9.3');
