// Reading threads at scale (bench:threads, 500,000 posts): a thread's opening post is found
// without reading the whole thread, and a list's latest participants and their count come from
// the index alone (index-only scans), not from a heap page per participant.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ThreadReadingIndexes1764601150000 implements MigrationInterface {
  name = 'ThreadReadingIndexes1764601150000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX posts_opening_idx ON posts (thread_id) WHERE depth = 0`);
    // Same order as the lists' "latest five participants" (last_posted_at DESC, practitioner_id).
    await queryRunner.query(`
      CREATE INDEX thread_participants_latest_idx ON thread_participants
        (thread_id, last_posted_at DESC, practitioner_id) WHERE post_count > 0`);
    await queryRunner.query(`DROP INDEX thread_participants_recent_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX thread_participants_recent_idx ON thread_participants
        (thread_id, last_posted_at DESC) WHERE post_count > 0`);
    await queryRunner.query(`DROP INDEX thread_participants_latest_idx`);
    await queryRunner.query(`DROP INDEX posts_opening_idx`);
  }
}
