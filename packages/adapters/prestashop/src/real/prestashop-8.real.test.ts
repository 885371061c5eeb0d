import { describeRealPrestaShop } from './suite.ts';

describeRealPrestaShop();
