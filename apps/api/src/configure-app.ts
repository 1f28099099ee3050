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
  createValidationPipe,
  ORIGIN_SETTINGS,
  projectRoot,
  toApiError,
  warnAboutUntrustedProxy,
} from '../../../libs/common/src/index.js';
import { LiveIoAdapter } from '../../../libs/live/src/index.js';
import type { AppConfig } from '../../../libs/persistence/src/index.js';

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
  http.useBodyParser('json', { limit: config.BODY_LIMIT_BYTES });
  // Body-parser failures (malformed JSON, too large) happen before Nest's filters: shape them here.
  http.use(
    (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!error) return next();
      const body = toApiError(error);
      res.status(body.statusCode).json(body);
    },
  );
  http.use(cookieParser());
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
  http.useWebSocketAdapter(new LiveIoAdapter(http, config));
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

/** Serves the built React client, with index.html for every client-side route. */
function serveWebClient(http: NestExpressApplication): void {
  const webRoot = path.join(projectRoot(), 'dist', 'web');
  if (!existsSync(path.join(webRoot, 'index.html'))) return;
  http.use(express.static(webRoot, { index: false, maxAge: '1h' }));
  http.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    const isClientRoute =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.path.startsWith('/api') &&
      !req.path.startsWith('/health') &&
      !req.path.startsWith('/socket.io') &&
      !path.extname(req.path);
    if (!isClientRoute) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(webRoot, 'index.html'));
  });
}
