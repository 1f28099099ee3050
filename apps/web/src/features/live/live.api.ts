import type { MessageView, QuestionView, RoomView } from '@contracts';
import { api } from '../../api/client';

const roomPath = (id: string) => `/api/rooms/${encodeURIComponent(id)}`;

export const liveApi = {
  /** The exchange's lobby and session rooms, each with whether it is open now. */
  rooms: (exchangeId: string) =>
    api.get<RoomView[]>(`/api/exchanges/${encodeURIComponent(exchangeId)}/rooms`),
  /** History, newest first, before a sequence number. */
  history: (roomId: string, beforeSeq?: number, limit = 50) =>
    api.get<MessageView[]>(`${roomPath(roomId)}/messages`, { beforeSeq, limit }),
  questions: (roomId: string) => api.get<QuestionView[]>(`${roomPath(roomId)}/questions`),
};
