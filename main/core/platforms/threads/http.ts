// Threads's HTTP exchanges go through the shared exchange (../http-exchange.ts).
import { networkExchange } from '../http-exchange.ts';
import type { ThreadsRoute } from './route.ts';

export const { exchange, isNoAnswer: isThreadsNoAnswer } = networkExchange<ThreadsRoute>('Threads');
