/**
 * The Admin GraphQL documents Kasa sends, each a named operation (the name is what call records,
 * the cost estimate and the local fake go by). Field names follow the 2025-10 Admin schema.
 */

const ORDER_FIELDS = `
  id
  name
  createdAt
  tags
  cancelledAt
  displayFinancialStatus
  customAttributes { key value }
  totalPriceSet { shopMoney { amount currencyCode } }
  transactions(first: 10) { kind status gateway authorizationCode }
`;

export const ADMIN_OPERATIONS = {
  KasaOrderCreate: `mutation KasaOrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) {
    order { ${ORDER_FIELDS} }
    userErrors { field message }
  }
}`,
  KasaOrdersByTag: `query KasaOrdersByTag($query: String!) {
  orders(first: 5, query: $query, sortKey: CREATED_AT) { nodes { ${ORDER_FIELDS} } }
}`,
  KasaOrder: `query KasaOrder($id: ID!) {
  order(id: $id) { ${ORDER_FIELDS} }
}`,
  KasaManualPayment: `mutation KasaManualPayment($id: ID!, $amount: MoneyInput, $paymentMethodName: String) {
  orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $paymentMethodName) {
    order { id displayFinancialStatus }
    userErrors { field message }
  }
}`,
  KasaOrderCancel: `mutation KasaOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refund: false, restock: true, notifyCustomer: false, staffNote: $staffNote) {
    job { id }
    orderCancelUserErrors { field message code }
  }
}`,
  KasaDoctor: `query KasaDoctor {
  shop { name myshopifyDomain plan { partnerDevelopment } }
  currentAppInstallation { accessScopes { handle } }
  webhookSubscriptions(first: 50) { nodes { topic } }
}`,
} as const;

export type AdminOperation = keyof typeof ADMIN_OPERATIONS;

/** Points each operation is expected to cost, for waiting before it when the bucket is low. */
export const COST_ESTIMATE: Readonly<Record<AdminOperation, number>> = {
  KasaOrderCreate: 10,
  KasaOrdersByTag: 5,
  KasaOrder: 3,
  KasaManualPayment: 10,
  KasaOrderCancel: 10,
  KasaDoctor: 4,
};

const MUTATIONS = new Set<string>(['KasaOrderCreate', 'KasaManualPayment', 'KasaOrderCancel']);

/** Whether an operation writes (never repeated after an unknown outcome). */
export const isMutation = (operation: string): boolean => MUTATIONS.has(operation);
