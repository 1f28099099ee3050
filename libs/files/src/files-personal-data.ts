// What the files library keeps about a person: their uploads. The export lists them (names,
// sizes, types, dates, where attached), not their bytes. Erasure removes the uploads nothing has
// taken; files attached to posts and practices stay with that content, which stays readable
// under the neutral name (their names may be personal: they are the author's content, like a
// post's body).
import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalData } from '#libs/common';
import { fileUrl } from './file.presenter.js';
import { FilesService } from './files.service.js';

@Injectable()
export class FilesPersonalData implements OnModuleInit {
  constructor(
    private readonly personalData: PersonalData,
    private readonly files: FilesService,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'files',
      columns: ['files.uploader_id'],
      export: async (id, manager) =>
        (await this.files.uploadsOf(id, manager)).map((file) => ({
          id: file.id,
          name: file.name,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          uploadedAt: file.createdAt.toISOString(),
          attachedTo: file.subjectId ? { type: file.subjectType, id: file.subjectId } : null,
          url: fileUrl(file.id),
        })),
      erase: (id, manager) => this.files.forgetUnattachedOf(id, manager),
    });
  }
}
