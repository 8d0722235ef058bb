// Meta's HTTP exchanges go through the shared exchange (../http-exchange.ts).
import { networkExchange } from '../http-exchange.ts';

export const {
  exchange,
  noAnswer: metaNoAnswer,
  isNoAnswer: isMetaNoAnswer,
} = networkExchange('Meta');
