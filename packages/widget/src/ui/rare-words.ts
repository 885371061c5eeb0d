/**
 * Words of the views most shoppers see only after pressing a button (waiting for the bank app, the
 * thanks, the multi-step review, what became of a bank payment), and of Shopify mode A's hand-off. They travel with those views in
 * the later chunk (later.ts), in both languages: the bundle carries none of them.
 */
const pl = {
  review: 'Sprawdź swoje dane',
  change: 'Zmień',
  confirmInApp: 'Potwierdź płatność w aplikacji banku',
  confirmHint: 'Otwórz aplikację banku i zatwierdź płatność BLIK.',
  timeLeft: (s: number) => `Pozostało ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`,
  cancel: 'Anuluj',
  cancelling: 'Anulujemy płatność…',
  expired: 'Kod BLIK wygasł',
  expiredHint: 'Nie potwierdzono płatności na czas. Wygeneruj nowy kod w aplikacji banku.',
  newCode: 'Wpisz nowy kod',
  checking: 'Sprawdzamy status płatności…',
  thanks: (number: string) => `Dziękujemy! Zamówienie nr ${number}`,
  paid: 'Płatność została przyjęta. Potwierdzenie wyślemy e-mailem.',
  cod: 'Zapłacisz przy odbiorze przesyłki. Potwierdzenie wyślemy e-mailem.',
  account: 'Załóż konto',
  accountHint: 'Następnym razem kupisz szybciej i sprawdzisz status zamówienia.',
  paymentDeclined: (number: string) =>
    `Płatność za zamówienie nr ${number} nie powiodła się: bank jej nie przyjął. Zamówienie czeka na zapłatę. Spróbuj zapłacić ponownie albo wybierz inną metodę płatności. Twoje dane są zapisane.`,
  blikCancelled: (number: string) =>
    `Płatność BLIK została anulowana. Zamówienie nr ${number} czeka na zapłatę: wpisz nowy kod BLIK, aby zapłacić.`,
  paymentUnfinished: (number: string) =>
    `Płatność za zamówienie nr ${number} nie została dokończona. Zamówienie czeka na zapłatę: naciśnij „Kupuję i płacę”, aby zapłacić, albo wybierz inną metodę płatności. Twoje dane są zapisane.`,
  // Shopify mode A: the shop's own checkout takes the payment.
  toShopPayment: 'Przejdź do płatności',
  toShopPaymentNote: 'Zapłacisz i potwierdzisz zamówienie w kasie sklepu.',
  shopDeliveryPrice: (price: string) => `Sklep liczy za tę dostawę ${price}. Naciśnij, aby przejść dalej.`,
};

export type RareWords = typeof pl;

const en: RareWords = {
  review: 'Check your details',
  change: 'Change',
  confirmInApp: 'Confirm the payment in your bank app',
  confirmHint: 'Open your bank app and approve the BLIK payment.',
  timeLeft: (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} left`,
  cancel: 'Cancel',
  cancelling: 'Cancelling the payment…',
  expired: 'The BLIK code has expired',
  expiredHint: 'The payment was not confirmed in time. Generate a new code in your bank app.',
  newCode: 'Enter a new code',
  checking: 'Checking the payment…',
  thanks: (number: string) => `Thank you! Order no. ${number}`,
  paid: 'Your payment has been received. We will e-mail a confirmation.',
  cod: 'You will pay on delivery. We will e-mail a confirmation.',
  account: 'Create an account',
  accountHint: 'Check out faster next time and follow your order.',
  paymentDeclined: (number: string) =>
    `The payment for order no. ${number} did not go through: the bank declined it. The order is waiting for payment. Try paying again or choose another payment method. Your details are saved.`,
  blikCancelled: (number: string) =>
    `The BLIK payment was cancelled. Order no. ${number} is waiting for payment: enter a new BLIK code to pay.`,
  paymentUnfinished: (number: string) =>
    `The payment for order no. ${number} was not completed. The order is waiting for payment: press “Buy and pay” to pay, or choose another payment method. Your details are saved.`,
  toShopPayment: 'Continue to payment',
  toShopPaymentNote: 'You pay and confirm the order at the shop’s checkout.',
  shopDeliveryPrice: (price: string) => `The shop charges ${price} for this delivery. Press to continue.`,
};

export const rareWords = { pl, en } as const;
