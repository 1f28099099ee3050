// Audit lines as the wire shows them.
import type { AuditEntryView, AuditLineView } from '#libs/contracts';
import type { ModerationActionEntry } from './entities/moderation-action.entity.js';

export function presentAuditEntry(a: ModerationActionEntry): AuditEntryView {
  return {
    id: a.id,
    exchangeId: a.exchangeId,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    action: a.action,
    actorId: a.actorId,
    targetId: a.targetId,
    reason: a.reason,
    details: a.details,
    createdAt: a.createdAt.toISOString(),
  };
}

export function presentAuditLine(
  a: ModerationActionEntry,
  names: Map<string, string>,
  titles: Map<string, string>,
): AuditLineView {
  return {
    ...presentAuditEntry(a),
    actorName: a.actorId ? (names.get(a.actorId) ?? null) : null,
    targetName: a.targetId ? (names.get(a.targetId) ?? null) : null,
    exchangeTitle: a.exchangeId ? (titles.get(a.exchangeId) ?? null) : null,
  };
}
