import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import path from 'node:path';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { StoredFile } from './entities/stored-file.entity.js';
import { FileOwners } from './file-owners.js';
import { FileSweeper } from './file-sweeper.js';
import { FilesController } from './files.controller.js';
import { FilesPersonalData } from './files-personal-data.js';
import { FilesService } from './files.service.js';
import { ImageScrubber } from './image-scrubber.js';
import { DiskStorage } from './storage/disk-storage.js';
import { FILE_STORAGE, type FileStorage } from './storage/file-storage.js';
import { S3Storage } from './storage/s3-storage.js';

/** Object storage when a bucket is configured, else DATA_DIR/files. */
export function storageFor(config: AppConfig): FileStorage {
  if (!config.S3_BUCKET) return new DiskStorage(path.resolve(config.DATA_DIR, 'files'));
  return new S3Storage({
    bucket: config.S3_BUCKET,
    endpoint: config.S3_URL,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}

@Module({
  imports: [TypeOrmModule.forFeature([StoredFile])],
  controllers: [FilesController],
  providers: [
    { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: storageFor },
    FilesService,
    FileOwners,
    ImageScrubber,
    FilesPersonalData,
    FileSweeper,
  ],
  exports: [FilesService, FileOwners],
})
export class FilesModule {}
