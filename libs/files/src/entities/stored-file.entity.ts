import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** pending: content being stored; stored: readable; deleting: unreadable, content to remove. */
export type StoredFileStatus = 'pending' | 'stored' | 'deleting';

/** An uploaded file; its content is in storage under its id. */
@Entity('files')
export class StoredFile {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'uploader_id', type: 'uuid' })
  uploaderId: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 10 })
  status: StoredFileStatus;

  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true })
  subjectType: string | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ name: 'attached_at', type: 'timestamptz', nullable: true })
  attachedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
