// The single moderation log replaces the room-keyed one: the migration moves every existing row
// over (hide, restore, mute, unmute, remove, readmit), keyed by exchange and subject, with its
// room (and a mute's end) kept, and loses none.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../libs/persistence/src/migrations/index.js';
import { dataSourceOptions } from '#libs/persistence';

const adminUrl = () => process.env.CROSSINGS_TEST_ADMIN_URL!;

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `crossings_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function migrate(url: string, migrations: typeof MIGRATIONS): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), migrations });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

describe('moderation: one audit log, migrated from the room-keyed one', () => {
  it('moves every existing row of every action, keyed by exchange and subject, losing none', async () => {
    const database = await freshDatabase();
    try {
      const before = MIGRATIONS.findIndex((m) => m.name === 'OneModerationLog1764600000002');
      expect(before).toBeGreaterThan(0);
      await migrate(database.url, MIGRATIONS.slice(0, before));

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const person = async (name: string) =>
          (
            await client.query(
              `INSERT INTO practitioners (email, display_name, network_role, status, time_zone)
               VALUES ($1, $2, 'member', 'active', 'UTC') RETURNING id`,
              [`${name}@example.org`, name],
            )
          ).rows[0].id as string;
        const host = await person('host');
        const author = await person('author');
        const exchange = (
          await client.query(
            `INSERT INTO exchanges (title, status, attribution) VALUES ('Audited', 'active', 'named') RETURNING id`,
          )
        ).rows[0].id as string;
        const room = (
          await client.query(
            `INSERT INTO rooms (exchange_id, kind, last_seq) VALUES ($1, 'lobby', 1) RETURNING id`,
            [exchange],
          )
        ).rows[0].id as string;
        const message = (
          await client.query(
            `INSERT INTO messages (room_id, seq, author_id, client_message_id, body)
             VALUES ($1, 1, $2, 'audited-message-1', 'Something') RETURNING id`,
            [room, author],
          )
        ).rows[0].id as string;
        const until = new Date('2026-12-01T10:00:00.000Z');
        const rows = [
          ['hide', message, 'Hate speech', null],
          ['restore', message, 'Misread it', null],
          ['mute', null, 'Cooling down', until],
          ['unmute', null, 'Calm again', null],
          ['remove', null, 'Disruptive', null],
          ['readmit', null, 'Apologised', null],
        ] as const;
        const ids: string[] = [];
        for (const [action, messageId, reason, untilAt] of rows) {
          const inserted = await client.query(
            `INSERT INTO moderation_actions (room_id, action, actor_id, target_id, message_id, reason, until)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [room, action, host, author, messageId, reason, untilAt],
          );
          ids.push(inserted.rows[0].id);
        }
        await client.end();

        await migrate(database.url, MIGRATIONS);

        const after = new pg.Client({ connectionString: database.url });
        await after.connect();
        try {
          const moved = (
            await after.query(
              `SELECT id, exchange_id, subject_type, subject_id, action, actor_id, target_id, reason, details
                 FROM moderation_actions ORDER BY created_at, id`,
            )
          ).rows;
          expect(moved.map((r) => r.id).sort()).toEqual([...ids].sort());
          const byAction = Object.fromEntries(moved.map((r) => [r.action, r]));
          for (const [action, messageId, reason, untilAt] of rows) {
            expect(byAction[action]).toEqual({
              id: expect.any(String),
              exchange_id: exchange,
              subject_type: messageId ? 'message' : 'member',
              subject_id: messageId ?? author,
              action,
              actor_id: host,
              target_id: author,
              reason,
              details: untilAt ? { roomId: room, until: untilAt.toISOString() } : { roomId: room },
            });
          }
          const old = await after.query(`SELECT to_regclass('room_moderation_actions_old') AS t`);
          expect(old.rows[0].t).toBeNull();
        } finally {
          await after.end();
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    } finally {
      await database.drop();
    }
  });
});
