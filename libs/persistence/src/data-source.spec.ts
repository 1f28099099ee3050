import { assertPostgresVersion, DatabaseVersionError } from './data-source.js';

describe('the PostgreSQL version check', () => {
  it('refuses a server older than 15, naming it', () => {
    expect(() => assertPostgresVersion(140012, '14.12')).toThrow(DatabaseVersionError);
    expect(() => assertPostgresVersion(140012, '14.12 (Debian 14.12-1)')).toThrow(
      'PostgreSQL 15 or newer is needed (the practice search uses regexp_instr); the server at DATABASE_URL is 14.12 (Debian 14.12-1)',
    );
  });

  it('accepts 15 and later', () => {
    expect(() => assertPostgresVersion(150000, '15.0')).not.toThrow();
    expect(() => assertPostgresVersion(180001, '18.1')).not.toThrow();
  });
});
