// Factories for people and cities, written straight to the test's database.
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { NetworkRole, Position } from '#libs/contracts';
import { hashPassword } from '#libs/identity';
import type { Http } from '../support/http.js';

export const FACTORY_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface TestPerson {
  id: string;
  email: string;
  displayName: string;
  networkRole: NetworkRole;
  password: string;
  token: string;
}

export interface CityInput {
  name?: string;
  countryCode?: string;
  timeZone?: string;
  region?: string;
}

export async function createCity(
  dataSource: DataSource,
  input: CityInput = {},
): Promise<{ id: string; name: string }> {
  const name = input.name ?? `City ${randomBytes(3).toString('hex')}`;
  const [row] = (await dataSource.query(
    `INSERT INTO cities (name, country_code, region, time_zone, languages) VALUES ($1, $2, $3, $4, '{}') RETURNING id`,
    [
      name,
      input.countryCode ?? 'NL',
      input.region ?? 'europe',
      input.timeZone ?? 'Europe/Amsterdam',
    ],
  )) as Array<{ id: string }>;
  return { id: row!.id, name };
}

export async function createPerson(
  dataSource: DataSource,
  http: Http,
  options: {
    role?: NetworkRole;
    displayName?: string;
    position?: Position;
    cityId?: string | null;
    timeZone?: string;
    languages?: string[];
    status?: 'active' | 'suspended';
  } = {},
): Promise<TestPerson> {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const role = options.role ?? 'member';
  const email = `${role}-${randomBytes(4).toString('hex')}@test.example`;
  const displayName = options.displayName ?? `Test ${role} ${randomBytes(2).toString('hex')}`;
  const [row] = (await dataSource.query(
    `INSERT INTO practitioners (email, display_name, password_hash, network_role, status, position, city_id, languages, time_zone)
     VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8) RETURNING id`,
    [
      email,
      displayName,
      await passwordHash,
      role,
      options.position ?? null,
      options.cityId ?? null,
      options.languages ?? ['en'],
      options.timeZone ?? 'UTC',
    ],
  )) as Array<{ id: string }>;
  const signIn = await http('POST', '/api/auth/sign-in', {
    body: { email, password: FACTORY_PASSWORD },
  });
  if (signIn.status !== 200)
    throw new Error(`factory sign-in failed: ${JSON.stringify(signIn.body)}`);
  if (options.status === 'suspended') {
    await dataSource.query(
      `UPDATE practitioners SET status = 'suspended', suspended_at = now() WHERE id = $1`,
      [row!.id],
    );
  }
  return {
    id: row!.id,
    email,
    displayName,
    networkRole: role,
    password: FACTORY_PASSWORD,
    token: signIn.body.accessToken,
  };
}
