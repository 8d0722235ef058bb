// Threads's HTTP exchanges go through the shared exchange (../http-exchange.ts).
import { networkExchange } from '../http-exchange.ts';

export const { exchange, isNoAnswer: isThreadsNoAnswer } = networkExchange('Threads');
