import { describeRealWooCommerce } from './suite.ts';

// The oldest WooCommerce the plugin claims (Additional Checkout Fields): a smaller matrix.
describeRealWooCommerce('8.9.3');
