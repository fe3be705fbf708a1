import type { Hono } from 'hono';
import type { AppDeps } from './app.ts';
import { createApiApp } from './api/api-app.ts';
import { healthz, readyz } from './routes/health-route.ts';
import { metricsRoute } from './routes/metrics-route.ts';
import { homePage } from './routes/home-route.tsx';
import { trendingPage } from './routes/trending-route.tsx';
import { aboutTrendingPage } from './routes/about-trending-route.tsx';
import { trendingExclusionAction } from './routes/trending-exclusion-route.ts';
import { staticFiles } from './routes/static-route.ts';
import { favicon, robotsTxt, sitemapFile, sitemapIndex } from './routes/site-files-route.ts';
import { registerSiteMiddleware } from './middleware/site.ts';
import { boundedBody } from './middleware/body-size.ts';
import { mcpHandler } from '../mcp/mcp-http.ts';
import {
  accountPage,
  deleteAccountAction,
  exportAccountFile,
  saveAccount,
} from './routes/account-route.tsx';
import { apiTokensPage, createTokenAction, revokeTokenAction } from './routes/api-tokens-route.tsx';
import { adminOutboxFile, adminOutboxPage } from './routes/admin-outbox-route.tsx';
import { manageAction, managePage } from './routes/digest-manage-route.tsx';
import { unsubscribeAction, unsubscribePage } from './routes/digest-unsubscribe-route.tsx';
import {
  confirmAction,
  confirmPage,
  subscribeAction,
  subscribePage,
} from './routes/subscribe-routes.tsx';
import {
  editCommentPage,
  hideCommentAction,
  postComment,
  removeComment,
  saveComment,
} from './routes/comment-actions-route.tsx';
import { datePicker } from './routes/date-picker-route.ts';
import { dayPage } from './routes/day-route.tsx';
import { featurePaperAction } from './routes/feature-paper-route.ts';
import { katexFiles } from './routes/katex-static-route.ts';
import { monthPage } from './routes/month-route.tsx';
import { absRedirect, paperPage } from './routes/paper-route.tsx';
import { profilePage, setUserRole, suspendUser } from './routes/profile-route.tsx';
import { searchPage } from './routes/search-route.tsx';
import { authorPage } from './routes/author-route.tsx';
import {
  completeSignIn,
  confirmSignIn,
  requestSignIn,
  signInPage,
} from './routes/sign-in-route.tsx';
import { signOut } from './routes/sign-out-route.ts';
import { submitAction, submitPage } from './routes/submit-route.tsx';
import { upvotePaper } from './routes/upvote-route.ts';
import { weekPage } from './routes/week-route.tsx';
import { libraryExport, libraryImport, libraryPage } from './routes/library-route.tsx';
import {
  collectPaperAction,
  notInterestedAction,
  savePaperAction,
} from './routes/save-paper-route.ts';
import {
  collectionExport,
  collectionPage,
  createCollectionAction,
  deleteCollectionAction,
  removeFromCollectionAction,
  resetShareLinkAction,
  sharedCollectionExport,
  sharedCollectionPage,
  updateCollectionAction,
} from './routes/collection-route.tsx';
import { followAction, followingPage, unfollowAction } from './routes/following-route.tsx';
import { forYouPage } from './routes/for-you-route.tsx';
import {
  markNotificationsReadAction,
  notificationMailAction,
  notificationsPage,
} from './routes/notifications-route.tsx';

/** Every route of the site, API and feeds, in one table. */
export function registerRoutes(app: Hono, deps: AppDeps): void {
  // One-click unsubscribe (RFC 8058): mail clients POST with no cookie or CSRF token; the signed
  // token in the URL authenticates it, so it is answered before the site's session and CSRF checks.
  app.post('/digest/unsubscribe', boundedBody, unsubscribeAction(deps));
  // MCP over Streamable HTTP: a JSON-RPC client with no cookie, so no session or CSRF check.
  app.on(['GET', 'POST', 'DELETE'], '/mcp', mcpHandler(deps));
  // Prometheus scrapes with no cookie: answered before sessions (see the route for who may).
  app.get('/metrics', metricsRoute(deps));
  registerSiteMiddleware(app, deps);
  app.get('/healthz', healthz);
  app.get('/readyz', readyz(deps));
  app.get('/favicon.ico', favicon());
  app.get('/robots.txt', robotsTxt(deps));
  app.get('/sitemap.xml', sitemapIndex(deps));
  app.get('/sitemaps/:file', sitemapFile(deps));
  app.get('/static/:file', staticFiles());
  app.get('/static/katex/:file', katexFiles());
  app.get('/static/katex/:folder/:file', katexFiles());
  // API, feeds, citations and /docs (before the pages: /papers/ID.md must not reach the paper page).
  app.route('/', createApiApp(deps));
  app.get('/', homePage(deps));
  app.get('/papers/trending', trendingPage(deps));
  app.get('/about/trending', aboutTrendingPage(deps));
  app.get('/papers/date', datePicker());
  app.get('/papers/date/:day', dayPage(deps));
  app.get('/papers/week/:week', weekPage(deps));
  app.get('/papers/month/:month', monthPage(deps));
  app.get('/papers', searchPage(deps));
  app.get('/authors/:name', authorPage(deps));
  app.get('/abs/:id', absRedirect());
  app.get('/abs/:archive/:num{\\d{7}(?:v\\d+)?}', absRedirect());
  app.get('/sign-in', signInPage());
  app.post('/sign-in', requestSignIn(deps));
  app.get('/sign-in/verify', confirmSignIn());
  app.post('/sign-in/verify', completeSignIn(deps));
  app.post('/sign-out', signOut(deps));
  app.get('/account', accountPage(deps));
  app.get('/account/tokens', apiTokensPage(deps));
  app.post('/account/tokens', createTokenAction(deps));
  app.post('/account/tokens/:id{\\d{1,12}}/revoke', revokeTokenAction(deps));
  app.post('/account', saveAccount(deps));
  app.get('/account/export.json', exportAccountFile(deps));
  app.post('/account/delete', deleteAccountAction(deps));
  app.get('/subscribe', subscribePage());
  app.post('/subscribe', subscribeAction(deps));
  app.get('/subscribe/confirm', confirmPage());
  app.post('/subscribe/confirm', confirmAction(deps));
  app.get('/digest/manage', managePage(deps));
  app.post('/digest/manage', manageAction(deps));
  app.get('/digest/unsubscribe', unsubscribePage(deps));
  app.get('/admin/outbox', adminOutboxPage(deps));
  app.get('/admin/outbox/:file', adminOutboxFile(deps));
  app.get('/users/:name', profilePage(deps));
  app.post('/users/:name/suspend', suspendUser(deps));
  app.post('/users/:name/role', setUserRole(deps));
  app.get('/submit', submitPage(deps));
  app.post('/submit', submitAction(deps));
  app.get('/comments/:comment/edit', editCommentPage(deps));
  app.post('/comments/:comment/edit', saveComment(deps));
  app.post('/comments/:comment/delete', removeComment(deps));
  app.post('/comments/:comment/hide', hideCommentAction(deps));
  for (const id of [':id', ':archive/:num{\\d{7}(?:v\\d+)?}']) {
    app.post(`/papers/${id}/upvote`, upvotePaper(deps));
    app.post(`/papers/${id}/comments`, postComment(deps));
    app.post(`/papers/${id}/feature`, featurePaperAction(deps));
    app.post(`/papers/${id}/trending-exclusion`, trendingExclusionAction(deps));
  }
  // A member's library, collections, follows and recommendations.
  app.get('/library', libraryPage(deps));
  app.get('/library/:file{export\\.[a-z]+}', libraryExport(deps));
  app.post('/library/import', libraryImport(deps));
  for (const id of [':id', ':archive/:num{\\d{7}(?:v\\d+)?}']) {
    app.post(`/papers/${id}/save`, savePaperAction(deps));
    app.post(`/papers/${id}/collect`, collectPaperAction(deps));
    app.post(`/papers/${id}/not-interested`, notInterestedAction(deps));
  }
  app.post('/collections', createCollectionAction(deps));
  app.get('/collections/:id{\\d+}', collectionPage(deps));
  app.get('/collections/:id{\\d+}/:file{export\\.[a-z]+}', collectionExport(deps));
  app.post('/collections/:id{\\d+}', updateCollectionAction(deps));
  app.post('/collections/:id{\\d+}/share-link', resetShareLinkAction(deps));
  app.post('/collections/:id{\\d+}/remove', removeFromCollectionAction(deps));
  app.post('/collections/:id{\\d+}/delete', deleteCollectionAction(deps));
  app.get('/shared/:token{[A-Za-z0-9_-]+}', sharedCollectionPage(deps));
  app.get('/shared/:token{[A-Za-z0-9_-]+}/:file{export\\.[a-z]+}', sharedCollectionExport(deps));
  app.get('/following', followingPage(deps));
  app.post('/follow', followAction(deps));
  app.post('/unfollow', unfollowAction(deps));
  app.get('/for-you', forYouPage(deps));
  app.get('/notifications', notificationsPage(deps));
  app.post('/notifications/read', markNotificationsReadAction(deps));
  app.post('/account/notifications', notificationMailAction(deps));
  // Keep these last: they match any /papers/ID and pass what is not an arXiv id on.
  app.get('/papers/:id', paperPage(deps));
  app.get('/papers/:archive/:num{\\d{7}(?:v\\d+)?}', paperPage(deps));
}
