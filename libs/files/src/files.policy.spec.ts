import type { Actor } from '#libs/common';
import { canOnFile, type FileAction } from './files.policy.js';

const uploader: Actor = { id: 'u', networkRole: 'member' };
const roles = ['member', 'coordinator', 'admin'] as const;
const someoneElse = (networkRole: (typeof roles)[number]): Actor => ({ id: 'x', networkRole });

const unattached = { uploaderId: 'u', subjectId: null };
const attached = { uploaderId: 'u', subjectId: 'post-1' };

describe('files policy', () => {
  it('lets only the uploader read, delete or attach an unattached upload, whatever others’ role', () => {
    for (const action of ['read', 'delete', 'attach'] as FileAction[]) {
      expect(canOnFile(uploader, action, unattached)).toBe(true);
      expect(canOnFile(uploader, action, unattached, true)).toBe(true);
      for (const role of roles) {
        expect(canOnFile(someoneElse(role), action, unattached)).toBe(false);
        expect(canOnFile(someoneElse(role), action, unattached, true)).toBe(false);
      }
    }
  });

  it('reads an attached file exactly when its subject may be read, uploader included', () => {
    for (const actor of [uploader, ...roles.map(someoneElse)]) {
      expect(canOnFile(actor, 'read', attached, true)).toBe(true);
      expect(canOnFile(actor, 'read', attached, false)).toBe(false);
    }
  });

  it('never deletes or re-attaches an attached file through the files library', () => {
    for (const actor of [uploader, ...roles.map(someoneElse)]) {
      for (const readable of [true, false]) {
        expect(canOnFile(actor, 'delete', attached, readable)).toBe(false);
        expect(canOnFile(actor, 'attach', attached, readable)).toBe(false);
      }
    }
  });

  it('signed out, reads only an attached file whose subject anyone may read; nothing else', () => {
    expect(canOnFile(null, 'read', attached, true)).toBe(true);
    expect(canOnFile(null, 'read', attached, false)).toBe(false);
    for (const action of ['read', 'delete', 'attach'] as FileAction[])
      expect(canOnFile(null, action, unattached, true)).toBe(false);
    expect(canOnFile(null, 'delete', attached, true)).toBe(false);
    expect(canOnFile(null, 'attach', attached, true)).toBe(false);
  });
});
