// Meta's HTTP exchanges go through the shared exchange (../http-exchange.ts).
import { networkExchange } from '../http-exchange.ts';
import type { MetaRoute } from './route.ts';

export const {
  exchange,
  noAnswer: metaNoAnswer,
  isNoAnswer: isMetaNoAnswer,
} = networkExchange<MetaRoute>('Meta');
