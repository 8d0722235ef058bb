// LinkedIn's HTTP exchanges go through the shared exchange (../http-exchange.ts): one
// connection per request matters more here, as a member's post cannot be looked up
// afterwards when its fate is unknown.
import { networkExchange } from '../http-exchange.ts';

export const {
  exchange,
  noAnswer: linkedinNoAnswer,
  isNoAnswer: isLinkedInNoAnswer,
} = networkExchange('LinkedIn');
