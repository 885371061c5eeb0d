export {
  type Answer,
  bodyOf,
  type HttpAnswer,
  isOk,
  type NetworkAnswer,
  parseBody,
  type Reply,
  replyOf,
} from './answer.ts';
export {
  type CallPolicy,
  type CallSettings,
  callPlatform,
  gaveUp,
  type PlatformCall,
  type Retried,
  retrying,
  type Send,
  tryOnce,
} from './call-platform.ts';
export { type CallRecord, pathWithoutQuery } from './call-record.ts';
export { isUnknownOutcome, networkAnswerOf, type Outcome, PlatformCallError } from './outcome.ts';
export { type PlatformFetchOptions, platformFetch } from './platform-fetch.ts';
export { backoffMs, pauseBeforeRetry, type RetrySettings, retryAfterMs, sleep } from './retry.ts';
export { type SignatureOptions, signatureOf, verifySignature } from './webhook-signature.ts';
