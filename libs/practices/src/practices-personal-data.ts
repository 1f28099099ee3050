// What the practice library keeps about a person, for their export and their erasure. An erased
// author's published entries stay readable under the neutral name (the library needs them);
// drafts nobody else has seen are deleted; every quote of their words is withdrawn.
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalData } from '#libs/common';
import { FilesService } from '#libs/files';
import { documentsOf } from './practices.service.js';

@Injectable()
export class PracticesPersonalData implements OnModuleInit {
  constructor(
    private readonly personalData: PersonalData,
    private readonly files: FilesService,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'practices',
      // Published entries, comments, reviews and the audit trail stay (the library needs them);
      // the ids name no one once the account is erased.
      columns: [
        'practices.author_id',
        'practices.hidden_by_id',
        'practice_versions.published_by_id',
        'practice_reviewers.reviewer_id',
        'practice_reviewers.assigned_by_id',
        'practice_comments.author_id',
        'practice_events.actor_id',
        'practice_sources.added_by_id',
        'practice_quotes.person_id',
        'practice_quotes.requested_by_id',
      ],
      export: (id, manager) => this.export(id, manager),
      erase: async (id, manager) => {
        // The documents of the drafts that go, go with them.
        const drafts = (await manager.query(
          'SELECT id FROM practices WHERE author_id = $1 AND current_version IS NULL',
          [id],
        )) as Array<{ id: string }>;
        for (const draft of drafts) await this.files.detachAll(manager, documentsOf(draft.id));
        await manager.query(
          `DELETE FROM practices WHERE author_id = $1 AND current_version IS NULL`,
          [id],
        );
        await manager.query(
          `UPDATE practice_quotes SET status = 'declined', decided_at = now()
            WHERE person_id = $1 AND status <> 'declined'`,
          [id],
        );
      },
    });
  }

  private async export(practitionerId: string, manager: EntityManager) {
    const entries = (await manager.query(
      `SELECT p.id, p.status, p.current_version, t.title, p.created_at
         FROM practices p
         LEFT JOIN practice_texts t ON t.practice_id = p.id AND t.language = p.original_language
        WHERE p.author_id = $1 ORDER BY p.created_at`,
      [practitionerId],
    )) as Array<{
      id: string;
      status: string;
      current_version: number | null;
      title: string;
      created_at: Date;
    }>;
    const comments = (await manager.query(
      `SELECT practice_id, field, language, body, created_at FROM practice_comments
        WHERE author_id = $1 ORDER BY created_at`,
      [practitionerId],
    )) as Array<{
      practice_id: string;
      field: string;
      language: string | null;
      body: string;
      created_at: Date;
    }>;
    const quotes = (await manager.query(
      `SELECT practice_id, text, status, requested_at, decided_at FROM practice_quotes
        WHERE person_id = $1 ORDER BY requested_at`,
      [practitionerId],
    )) as Array<{
      practice_id: string;
      text: string;
      status: string;
      requested_at: Date;
      decided_at: Date | null;
    }>;
    const reviews = (await manager.query(
      `SELECT practice_id, decision, decided_at FROM practice_reviewers WHERE reviewer_id = $1`,
      [practitionerId],
    )) as Array<{ practice_id: string; decision: string | null; decided_at: Date | null }>;
    return {
      reviews: reviews.map((r) => ({
        practiceId: r.practice_id,
        decision: r.decision,
        decidedAt: r.decided_at?.toISOString() ?? null,
      })),
      entries: entries.map((e) => ({
        id: e.id,
        title: e.title ?? '',
        status: e.status,
        publishedVersion: e.current_version,
        createdAt: e.created_at.toISOString(),
      })),
      reviewComments: comments.map((c) => ({
        practiceId: c.practice_id,
        field: c.field,
        language: c.language,
        body: c.body,
        createdAt: c.created_at.toISOString(),
      })),
      quotesOfMe: quotes.map((q) => ({
        practiceId: q.practice_id,
        text: q.text,
        status: q.status,
        requestedAt: q.requested_at.toISOString(),
        decidedAt: q.decided_at?.toISOString() ?? null,
      })),
    };
  }
}
