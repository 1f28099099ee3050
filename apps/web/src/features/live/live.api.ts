import type {
  HistoryQuery,
  MessageView,
  PersonSummary,
  QuestionView,
  RoomListEntry,
  RoomRestrictions,
} from '@contracts';
import { api } from '../../api/client';

const roomPath = (id: string) => `/api/rooms/${encodeURIComponent(id)}`;

export const liveApi = {
  /** The exchange's lobby and session rooms, each with whether it is open now and my unread. */
  rooms: (exchangeId: string) =>
    api.get<RoomListEntry[]>(`/api/exchanges/${encodeURIComponent(exchangeId)}/rooms`),
  /** History, newest first, before a sequence number. */
  history: (roomId: string, beforeSeq?: number, limit = 50) =>
    api.get<MessageView[]>(`${roomPath(roomId)}/messages`, {
      beforeSeq,
      limit,
    } satisfies HistoryQuery),
  questions: (roomId: string) => api.get<QuestionView[]>(`${roomPath(roomId)}/questions`),
  /** The people I may mention here whose name contains `q`. */
  mentionable: (roomId: string, q: string) =>
    api.get<PersonSummary[]>(`${roomPath(roomId)}/mentionable`, { q }),
  /** Active mutes and removals (moderators). */
  restrictions: (roomId: string) => api.get<RoomRestrictions>(`${roomPath(roomId)}/restrictions`),
};
