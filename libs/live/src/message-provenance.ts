// Describes a live message to the practice library (quotes and provenance), as the asker may see
// it: readers of its room only; a deleted or hidden message is gone for this purpose too.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, ProvenanceSources } from '#libs/common';
import { exchangeSqlNames } from '#libs/exchanges';
import { RoomsService } from './rooms.service.js';

@Injectable()
export class MessageProvenance implements OnModuleInit {
  constructor(
    private readonly sources: ProvenanceSources,
    private readonly rooms: RoomsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.sources.register('message', { describe: (actor, id) => this.describe(actor, id) });
  }

  private async describe(actor: Actor | null, id: string) {
    if (!actor) return null;
    const e = exchangeSqlNames(this.dataSource);
    const [row] = (await this.dataSource.query(
      `SELECT m.room_id, m.seq, m.author_id, m.body, m.language, e.${e.attribution} AS attribution,
              r.exchange_id
         FROM messages m JOIN rooms r ON r.id = m.room_id JOIN ${e.table} e ON e.${e.id} = r.exchange_id
        WHERE m.id = $1 AND m.deleted_at IS NULL AND m.hidden_at IS NULL`,
      [id],
    )) as Array<{
      room_id: string;
      seq: string;
      author_id: string;
      body: string;
      language: string | null;
      attribution: string;
      exchange_id: string;
    }>;
    if (!row) return null;
    const context = await this.rooms.contextIfReadable(actor, row.room_id);
    if (!context) return null;
    return {
      title: context.room.title,
      excerpt: row.body,
      author: { id: row.author_id },
      exchangeId: row.exchange_id,
      chathamHouse: row.attribution === 'chatham-house',
      url: `/rooms/${row.room_id}#message-${row.seq}`,
      language: row.language,
    };
  }
}
