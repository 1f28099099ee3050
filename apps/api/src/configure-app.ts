// Everything the HTTP server needs around the modules: security headers, CORS, body limits,
// the error shape, validation, OpenAPI docs and the web client. Shared by main.ts and tests.
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  APP_VERSION,
  ApiExceptionFilter,
  assertCleanRequest,
  createValidationPipe,
  ORIGIN_SETTINGS,
  projectRoot,
  toApiError,
  verifyJsonDepth,
  warnAboutUntrustedProxy,
} from '#libs/common';
import { RealtimeIoAdapter } from '#libs/realtime';
import type { AppConfig } from '#libs/config';

export function configureApp(app: INestApplication, config: AppConfig): void {
  const http = app as NestExpressApplication;
  http.set('trust proxy', config.TRUST_PROXY_HOPS);
  http.set(ORIGIN_SETTINGS, {
    PUBLIC_URL: config.PUBLIC_URL,
    PORT: config.PORT,
    TRUST_PROXY_HOPS: config.TRUST_PROXY_HOPS,
  });
  if (config.TRUST_PROXY_HOPS === 0) http.use(warnAboutUntrustedProxy());
  http.disable('x-powered-by');
  // No ETag on answers: API answers are no-store (never revalidated), and hashing each body cost
  // a page of a long thread (80 KB) a tenth of a millisecond. The web client's files keep theirs
  // (express.static sets its own).
  http.set('etag', false);
  // Headers and CORS first, so every answer carries them, the body parser's 400 and 413 included.
  http.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  const allowed = new Set(
    config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );
  http.enableCors({
    origin: (origin, callback) => callback(null, !origin || allowed.has(origin)),
    credentials: true,
  });
  // API answers are personal: no cache may keep them. A route may say otherwise with @Header
  // (the calendar subscription feed: private, 5 minutes). The web client's assets keep theirs.
  http.use(['/api', '/health'], noStore);
  // The input gate (libs/common/src/input-gate.ts): depth on the raw bytes before JSON.parse,
  // then path, query and parsed body before any route sees them.
  http.use(
    express.json({
      limit: config.BODY_LIMIT_BYTES,
      verify: (_req, _res, raw, encoding) => verifyJsonDepth(raw, encoding),
    }),
  );
  http.use((req: express.Request, _res: express.Response, next: express.NextFunction) => {
    assertCleanRequest(req);
    next();
  });
  // Body-parser and gate failures happen before Nest's filters: shape them here.
  http.use(
    (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!error) return next();
      const body = toApiError(error);
      res.setHeader('Cache-Control', 'no-store');
      res.status(body.statusCode).json(body);
    },
  );
  http.use(cookieParser());
  http.useWebSocketAdapter(new RealtimeIoAdapter(http, config));
  http.setGlobalPrefix('api', { exclude: ['health'] });
  http.useGlobalFilters(new ApiExceptionFilter());
  http.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    http,
    new DocumentBuilder()
      .setTitle('Crossings API')
      .setDescription(
        'The transatlantic exchange platform for cities. Errors share one shape: { statusCode, code, message, details? }.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', http, document, { jsonDocumentUrl: 'api/docs-json' });

  serveWebClient(http);
}

function noStore(_req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** Serves the built React client, with index.html for every client-side route. */
function serveWebClient(http: NestExpressApplication): void {
  const webRoot = path.join(projectRoot(), 'dist', 'web');
  if (!existsSync(path.join(webRoot, 'index.html'))) return;
  const files = express.static(webRoot, { index: false, maxAge: '1h' });
  // The server's own paths never look on the disk: each API request paid a file lookup.
  http.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    isServerPath(req.path) ? next() : files(req, res, next),
  );
  http.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const isClientRoute =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !isServerPath(req.path) &&
      !path.extname(req.path);
    if (!isClientRoute) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(webRoot, 'index.html'));
  });
}

/** The API, its health check and the live connection: never the web client's files or routes. */
function isServerPath(pathname: string): boolean {
  return /^\/(api|health|socket\.io)(\/|$)/.test(pathname);
}
