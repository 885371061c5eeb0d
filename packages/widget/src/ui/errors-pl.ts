/** Core's Polish error texts, the chunk error-texts.ts fetches once the form is in use. */
export { shopperMessagesPl as errorTexts } from '@kasa/core';
