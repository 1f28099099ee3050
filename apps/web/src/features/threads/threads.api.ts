// The thread routes of the API, as the web client calls them.
import type {
  FollowLevel,
  Page,
  PersonSummary,
  PostRevisionView,
  PostView,
  Reaction,
  ThreadFollowState,
  ThreadKind,
  ThreadPage,
  ThreadReadState,
  ThreadSummary,
  ThreadView,
} from '@contracts';
import { api, download } from '../../api/client';

export type ThreadFilters = {
  theme?: string;
  kind?: ThreadKind | '';
  q?: string;
};

export interface NewThreadInput {
  exchangeId: string | null;
  title: string;
  kind: ThreadKind;
  themes: string[];
  language: string;
  body: string;
  clientId: string;
  attachmentIds: string[];
}

export interface NewPostInput {
  parentPostId?: string;
  body: string;
  language: string;
  clientId: string;
  attachmentIds: string[];
}

/** A client id for a new thread or post: a retry with it never creates a second one. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const thread = (id: string) => `/api/threads/${encodeURIComponent(id)}`;
const post = (id: string) => `/api/posts/${encodeURIComponent(id)}`;

export const threadsApi = {
  /** An exchange's threads, the commons' (exchangeId null), or the reader's feed (undefined). */
  list: (place: string | null | undefined, filters: ThreadFilters, cursor?: string) =>
    api.get<Page<ThreadSummary>>('/api/threads', {
      exchangeId: place ?? undefined,
      commons: place === null ? 'true' : undefined,
      theme: filters.theme,
      kind: filters.kind || undefined,
      q: filters.q,
      cursor,
    }),
  page: (id: string, cursor?: string) => api.get<ThreadPage>(thread(id), { cursor }),
  branch: (id: string, branchId: string, afterSeq: number) =>
    api.get<PostView[]>(`${thread(id)}/posts`, { branchId, afterSeq }),
  create: (input: NewThreadInput) => api.post<ThreadPage>('/api/threads', input),
  fromMessage: (
    messageId: string,
    input: { roomId: string; title: string; kind: ThreadKind; themes: string[]; clientId: string },
  ) => api.post<ThreadPage>(`/api/messages/${encodeURIComponent(messageId)}/thread`, input),
  reply: (id: string, input: NewPostInput) => api.post<PostView>(`${thread(id)}/posts`, input),
  edit: (postId: string, input: { body: string; attachmentIds?: string[] }) =>
    api.patch<PostView>(post(postId), input),
  remove: (postId: string) => api.delete<void>(post(postId)),
  revisions: (postId: string) => api.get<PostRevisionView[]>(`${post(postId)}/revisions`),
  react: (postId: string, reaction: Reaction, on: boolean) =>
    on
      ? api.put<PostView>(`${post(postId)}/reactions/${reaction}`, {})
      : api.delete<PostView>(`${post(postId)}/reactions/${reaction}`),
  markRead: (id: string, postId: string) =>
    api.put<ThreadReadState>(`${thread(id)}/read`, { postId }),
  follow: (id: string, level: FollowLevel) =>
    api.put<ThreadFollowState>(`${thread(id)}/follow`, { level }),
  markAnswer: (id: string, postId: string | null) =>
    postId
      ? api.put<void>(`${thread(id)}/answer`, { postId })
      : api.delete<void>(`${thread(id)}/answer`),
  mentionable: (exchangeId: string | null, q: string) =>
    api.get<PersonSummary[]>('/api/threads/mentionable', {
      exchangeId: exchangeId ?? undefined,
      q,
    }),
  exportMarkdown: (id: string, title: string) =>
    download(`${thread(id)}/export?format=markdown`, `${title.slice(0, 60) || 'thread'}.md`),
  moderate: (
    id: string,
    action: 'lock' | 'unlock' | 'pin' | 'unpin' | 'hide' | 'restore',
    reason: string,
  ) => api.post<ThreadView>(`${thread(id)}/${action}`, { reason }),
  move: (id: string, exchangeId: string | null, reason: string) =>
    api.post<ThreadView>(`${thread(id)}/move`, { exchangeId, reason }),
  merge: (id: string, intoThreadId: string, reason: string) =>
    api.post<ThreadView>(`${thread(id)}/merge`, { intoThreadId, reason }),
  moderatePost: (postId: string, action: 'hide' | 'restore', reason: string) =>
    api.post<PostView>(`${post(postId)}/${action}`, { reason }),
};
