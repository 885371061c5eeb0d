import { describeRealWooCommerce } from './suite.ts';

describeRealWooCommerce('10.0.2');
