import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      INVITATION_TTL_DAYS: 7,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      SIGNIN_MAX_FAILURES: 5,
      SCHEDULING_NIGHT_START: '22:00',
      SCHEDULING_NIGHT_END: '07:00',
      DATABASE_POOL_SIZE: 20,
      DATABASE_POOL_WARM: 10,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/db',
      SEED_DEMO: 'true',
      SCHEDULING_NIGHT_START: '23:30',
      SCHEDULING_NIGHT_END: '06:00',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u@h:5432/db',
      SEED_DEMO: true,
      SCHEDULING_NIGHT_START: '23:30',
      SCHEDULING_NIGHT_END: '06:00',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ SCHEDULING_NIGHT_START: '10pm' }, 'SCHEDULING_NIGHT_START'],
    [{ SCHEDULING_NIGHT_END: '24:00' }, 'SCHEDULING_NIGHT_END'],
    [{ SCHEDULING_NIGHT_START: '07:00' }, 'SCHEDULING_NIGHT_END'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_WARM: '-1' }, 'DATABASE_POOL_WARM'],
    [{ DATABASE_POOL_WARM: '21' }, 'DATABASE_POOL_WARM'],
    [{ DATABASE_POOL_SIZE: '5', DATABASE_POOL_WARM: '6' }, 'DATABASE_POOL_WARM'],
    [{ FILES_QUOTA_MB: '0' }, 'FILES_QUOTA_MB'],
    [{ S3_URL: 'minio:9000' }, 'S3_URL'],
    [{ S3_URL: 'ftp://minio:9000' }, 'S3_URL'],
    [{ S3_URL: 'http://minio:9000' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'Files_Bucket' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'key' }, 'S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY'],
    [{ S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'files', S3_FORCE_PATH_STYLE: 'perhaps' }, 'S3_FORCE_PATH_STYLE'],
  ])('stops on %j with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}`));
  });

  it('keeps files on disk unless a bucket is named, and reads the S3 settings', () => {
    expect(loadConfig({})).toMatchObject({ FILES_QUOTA_MB: 200 });
    expect(loadConfig({}).S3_BUCKET).toBeUndefined();
    expect(
      loadConfig({
        S3_URL: 'http://127.0.0.1:9000',
        S3_BUCKET: 'crossings-files',
        S3_REGION: 'eu-west-1',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'false',
        FILES_QUOTA_MB: '50',
      }),
    ).toMatchObject({
      S3_URL: 'http://127.0.0.1:9000',
      S3_BUCKET: 'crossings-files',
      S3_REGION: 'eu-west-1',
      S3_FORCE_PATH_STYLE: false,
      FILES_QUOTA_MB: 50,
    });
  });
});
