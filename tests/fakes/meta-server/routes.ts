// [Note: fake Meta routes] Every route module of the fake Graph API, in the order they are
// tried. A module is a file of its own building its routes from the shared store; adding
// one (instagram-media.ts …) is one line here. Earlier modules win a path they answer;
// a handler answering null lets later modules try the same path (GET /:id for ids they
// know).
import { instagramRoutes } from './instagram-reads.ts';
import { oauthRoutes } from './oauth.ts';
import { pagePostRoutes } from './page-posts.ts';
import { pageReadRoutes } from './page-reads.ts';
import type { RouteModule } from './router.ts';
import { userRoutes } from './users.ts';

export const routeModules: readonly RouteModule[] = [
  oauthRoutes,
  userRoutes,
  instagramRoutes,
  pagePostRoutes,
  pageReadRoutes,
];
