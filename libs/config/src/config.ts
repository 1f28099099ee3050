// The platform's configuration, read from environment variables and validated at start:
// a bad value stops the process with a message that names the variable.
import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL connection string; unset = start embedded PostgreSQL in DATA_DIR/postgres. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, {
    message: 'DATABASE_URL must start with postgres:// or postgresql://',
  })
  DATABASE_URL?: string;

  /** Redis connection string for fanning live events out across API nodes. */
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Prefix of the live server's Redis streams, channels and keys (several apps on one Redis). */
  @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, {
    message: 'REDIS_PREFIX may hold 1 to 64 letters, digits and : _ . -',
  })
  REDIS_PREFIX = 'crossings';

  /** Connections the API keeps to PostgreSQL at most. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_SIZE = 20;

  /**
   * Connections opened at start and kept open (broken ones replaced in the background), so a
   * burst never waits for new connections: the pool never closes idle ones.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  DATABASE_POOL_WARM = 10;

  @IsString()
  DATA_DIR = '.data';

  /** Secret that signs access tokens; unset = a random one kept in DATA_DIR (development only). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  /** Base URL of the web client, used in invitation links. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'PUBLIC_URL must be an http(s) URL' },
  )
  PUBLIC_URL?: string;

  /** Comma-separated origins allowed to call the API from a browser. */
  @IsString()
  CORS_ORIGINS = '';

  @Transform(toInt)
  @IsInt()
  @Min(5)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  INVITATION_TTL_DAYS = 7;

  /**
   * Failed sign-ins allowed per account from one client address (and per known device) within
   * SIGNIN_WINDOW_SECONDS before 429; beyond it, across all addresses, attempts are slowed.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNIN_MAX_FAILURES = 5;

  /** Failed sign-ins allowed per client address within SIGNIN_WINDOW_SECONDS before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNIN_MAX_FAILURES_PER_ADDRESS = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNIN_WINDOW_SECONDS = 900;

  /** The longest an attempt on a much-attacked account waits before its password is checked. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  SIGNIN_MAX_DELAY_SECONDS = 10;

  /** How long a password reset link stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /** SMTP server for outgoing mail; unset = messages are written to DATA_DIR/mail as .eml. */
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** The sender of outgoing mail. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Crossings <no-reply@localhost>';

  /** Largest accepted JSON body, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 100_000;

  /** Seed the demo network when the database is empty (default: only on embedded PostgreSQL). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  /** Mark the refresh cookie Secure (default: on in production). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /** Trust X-Forwarded-For from this many proxies (for per-address sign-in limits). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRUST_PROXY_HOPS = 0;

  /** A session's live room opens for sending this many minutes before the session starts. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  ROOM_OPENS_MINUTES_BEFORE = 30;

  /** ...and stays open for sending this many minutes after it ends (then read-only). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  ROOM_CLOSES_MINUTES_AFTER = 30;

  /** Live messages per member: steady rate per second... */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LIVE_SEND_PER_SECOND = 2;

  /** ...plus a burst allowance per 10 seconds on top of it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  LIVE_SEND_BURST = 10;

  /** After the hosts decline a request to join, the person may ask again after this many days. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JOIN_REQUEST_COOLDOWN_DAYS = 7;

  /** Points each live connection may spend per 10 seconds on events (a join costs 5, others 1). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  LIVE_EVENT_BUDGET = 60;

  /** Open live connections one person may hold on one API node (tabs, devices). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LIVE_MAX_CONNECTIONS_PER_PERSON = 20;

  /**
   * Reports from this many different members on one item hide it pending review (the review
   * queue decides); 1 hides at the first report.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  FLAG_HIDE_THRESHOLD = 3;

  /** Catch-up reads (room joins) one API node runs at once; the rest wait their turn. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LIVE_CATCH_UP_CONCURRENCY = 4;
  /** Total size of the files one member may keep (attached or not), in MiB. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  FILES_QUOTA_MB = 200;

  /**
   * Object storage for files (any S3-compatible service): its endpoint URL. Unset with S3_BUCKET
   * set = Amazon S3 itself; both unset = files on disk in DATA_DIR/files.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'S3_URL must be an http(s) URL' },
  )
  S3_URL?: string;

  /** The bucket that holds the files; setting it moves files from disk to object storage. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message:
      'S3_BUCKET must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
  })
  S3_BUCKET?: string;

  /** Region of the bucket (default: AWS_REGION, else us-east-1). */
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,32}$/, { message: 'S3_REGION must be a region name such as eu-west-1' })
  S3_REGION?: string;

  /** Credentials for the bucket; unset = the SDK's usual chain (AWS_ACCESS_KEY_ID…, roles). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  S3_SECRET_ACCESS_KEY?: string;

  /** Address buckets as a path (MinIO and most S3-compatible services); default on with S3_URL. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean;

  /** Find-a-time's night on every person's own clock (HH:MM): slots here rank below any other. */
  @Matches(CLOCK, { message: 'SCHEDULING_NIGHT_START must be a time of day as HH:MM' })
  SCHEDULING_NIGHT_START = '22:00';

  @Matches(CLOCK, { message: 'SCHEDULING_NIGHT_END must be a time of day as HH:MM' })
  SCHEDULING_NIGHT_END = '07:00';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export class ConfigError extends Error {}

const KNOWN_KEYS = Object.keys(new AppConfig());

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of [
    ...KNOWN_KEYS,
    'DATABASE_URL',
    'REDIS_URL',
    'JWT_SECRET',
    'PUBLIC_URL',
    'SEED_DEMO',
    'COOKIE_SECURE',
    'SMTP_URL',
    'S3_URL',
    'S3_BUCKET',
    'S3_REGION',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'S3_FORCE_PATH_STYLE',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.DATABASE_POOL_WARM > config.DATABASE_POOL_SIZE) {
    throw new ConfigError(
      `Invalid configuration:\n  DATABASE_POOL_WARM=${JSON.stringify(raw.DATABASE_POOL_WARM)}: must not exceed DATABASE_POOL_SIZE (${config.DATABASE_POOL_SIZE})`,
    );
  }
  if (config.S3_URL && !config.S3_BUCKET) {
    throw new ConfigError(
      'Invalid configuration:\n  S3_BUCKET: required when S3_URL is set (the bucket that holds the files)',
    );
  }
  if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither',
    );
  }
  if (config.S3_ACCESS_KEY_ID && !config.S3_BUCKET) {
    throw new ConfigError(
      'Invalid configuration:\n  S3_BUCKET: required when S3 credentials are set',
    );
  }
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production',
    );
  }
  if (config.SCHEDULING_NIGHT_START === config.SCHEDULING_NIGHT_END) {
    throw new ConfigError(
      'Invalid configuration:\n  SCHEDULING_NIGHT_END: must differ from SCHEDULING_NIGHT_START',
    );
  }
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
