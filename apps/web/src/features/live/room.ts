// One live room as this tab sees it. Messages are kept by their per-room seq, so whatever order
// they arrive in (live events, the join's catch-up, REST history) each is shown once; `lastSeq` is
// the highest seq up to which nothing is missing, and it is what a re-join asks to catch up from.
// Outgoing messages wait in an outbox with their clientMessageId until the server acknowledges
// them, and are resent with the same id after a reconnect (the server never stores one twice).
import {
  LATEST_ON_JOIN,
  type MessageDeleted,
  type MessageView,
  type PersonSummary,
  type PresenceEntry,
  type QuestionView,
  type RoomJoined,
  type RoomView,
  type ServerToClientEvents,
} from '@contracts';
import { ApiRequestError } from '../../api/client';
import { type ConnectionStatus, type LiveConnection, LiveError } from '../../api/live-socket';
import { liveApi } from './live.api';
import { setRoomRead } from './unread';

/** The server events about one room (each carries its roomId). */
/** The events of rooms (thread events and the inbox's go elsewhere). */
type RoomEvent = Exclude<
  keyof ServerToClientEvents,
  | 'notification.created'
  | 'post.created'
  | 'post.updated'
  | 'post.deleted'
  | 'thread.updated'
  | 'thread.removed'
  | 'moderation.queue-changed'
>;

const TYPING_SHOWN_MS = 4_000;
const TYPING_SEND_INTERVAL_MS = 2_000;
const HISTORY_PAGE = LATEST_ON_JOIN;
/** Marking read waits this long for more to read, so scrolling sends one event, not fifty. */
const MARK_READ_DELAY_MS = 800;
/** How long a gap may stay unexplained before the room asks the server to fill it. */
const GAP_GRACE_MS = 300;

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  isQuestion: boolean;
  /** sending: on its way; waiting: sent again once connected; failed: refused, see error. */
  state: 'sending' | 'waiting' | 'failed';
  error: LiveError | null;
}

export interface ActionProblem {
  code: string;
  message: string;
}

export interface RoomSnapshot {
  phase: 'joining' | 'joined' | 'refused' | 'removed';
  connection: ConnectionStatus;
  room: RoomView | null;
  canModerate: boolean;
  canSend: boolean;
  /** Until when I am muted here (ISO), or null. */
  mutedUntil: string | null;
  /** My read position when I first joined: the "new messages" line goes after it. */
  readAtJoin: number | null;
  /** Grows with every mute, removal or lifting done here (moderators reload the restrictions). */
  moderationTick: number;
  /** In seq order, without the ones removed for this viewer (my own hidden ones stay). */
  messages: MessageView[];
  pending: PendingMessage[];
  present: PresenceEntry[];
  typing: PersonSummary[];
  /** Session rooms: open questions by votes, then answered ones. */
  questions: QuestionView[];
  hasEarlier: boolean;
  loadingEarlier: boolean;
  /** Why the room could not be joined, or why this person was removed from it. */
  problem: ActionProblem | null;
}

export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function problemOf(error: unknown): ActionProblem {
  if (error instanceof LiveError || error instanceof ApiRequestError)
    return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: String(error) };
}

function compareQuestions(a: QuestionView, b: QuestionView): number {
  const answered = Number(a.question?.answeredAt != null) - Number(b.question?.answeredAt != null);
  if (answered !== 0) return answered;
  const votes = (b.question?.upvotes ?? 0) - (a.question?.upvotes ?? 0);
  return votes !== 0 ? votes : a.seq - b.seq;
}

export class LiveRoom {
  private snapshot: RoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly bySeq = new Map<number, MessageView>();
  /** Every seq up to this one is known (shown or removed). */
  private lastSeq = 0;
  /** The smallest seq loaded; history before it comes over REST. */
  private oldestSeq = Number.POSITIVE_INFINITY;
  private joined = false;
  private stopped = false;
  private readonly outbox: PendingMessage[] = [];
  private readonly questions = new Map<string, QuestionView>();
  private readonly myVotes = new Set<string>();
  private readonly typingUntil = new Map<string, { person: PersonSummary; until: number }>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;
  /** My read position as the server knows it. */
  private readSeq = 0;
  private readTimer: ReturnType<typeof setTimeout> | undefined;
  private joining: Promise<void> | null = null;
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly connection: LiveConnection,
    readonly roomId: string,
    private readonly myId: string,
  ) {
    this.snapshot = {
      phase: 'joining',
      connection: connection.status,
      room: null,
      canModerate: false,
      canSend: false,
      mutedUntil: null,
      readAtJoin: null,
      moderationTick: 0,
      messages: [],
      pending: [],
      present: [],
      typing: [],
      questions: [],
      hasEarlier: false,
      loadingEarlier: false,
      problem: null,
    };
    const socket = connection.socket;
    const on = <E extends RoomEvent>(
      event: E,
      handler: (payload: Parameters<ServerToClientEvents[E]>[0]) => void,
    ) => {
      const listener = ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
        if (!this.stopped && payload.roomId === roomId) handler(payload);
      }) as ServerToClientEvents[E];
      // socket.io's typings cannot narrow a generic event name to its own listener.
      (socket.on as (e: E, l: ServerToClientEvents[E]) => void)(event, listener);
      this.detach.push(() =>
        (socket.off as (e: E, l: ServerToClientEvents[E]) => void)(event, listener),
      );
    };
    on('message.created', (m) => this.onCreated(m));
    on('message.updated', (m) => this.onUpdated(m));
    on('message.deleted', (d) => this.onDeleted(d));
    on('presence.changed', (p) => this.update({ present: p.present }));
    on('typing', (e) => this.onTyping(e.person));
    on('room.state', (state) =>
      this.update({
        canSend: state.canSend,
        canModerate: state.canModerate,
        mutedUntil: state.mutedUntil,
      }),
    );
    on('unread.changed', (read) => {
      this.readSeq = Math.max(this.readSeq, read.lastReadSeq);
    });
    on('room.removed', (r) => {
      this.joined = false;
      this.update({
        phase: 'removed',
        canSend: false,
        canModerate: false,
        problem: { code: 'REMOVED', message: r.reason },
      });
    });
    this.detach.push(connection.onConnect(() => void this.join()));
    this.detach.push(
      connection.onStatus(() => {
        if (connection.status !== 'online') this.joined = false;
        for (const pending of this.outbox)
          if (pending.state === 'sending' && connection.status !== 'online')
            pending.state = 'waiting';
        this.update({ connection: connection.status, pending: [...this.outbox] });
      }),
    );
    if (connection.connected) void this.join();
  }

  getSnapshot = (): RoomSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  stop(): void {
    this.stopped = true;
    clearTimeout(this.typingTimer);
    clearTimeout(this.gapTimer);
    clearTimeout(this.readTimer);
    for (const detach of this.detach) detach();
    if (this.joined && this.connection.connected)
      void this.connection.emit('room.leave', { roomId: this.roomId }).catch(() => undefined);
  }

  /** Sends a message; it shows as pending until the server has stored it. */
  send(body: string, isQuestion: boolean): void {
    const pending: PendingMessage = {
      clientMessageId: newClientMessageId(),
      body,
      isQuestion,
      state: 'waiting',
      error: null,
    };
    this.outbox.push(pending);
    this.update({ pending: [...this.outbox] });
    if (this.joined) void this.deliver(pending);
  }

  retry(clientMessageId: string): void {
    const pending = this.outbox.find((p) => p.clientMessageId === clientMessageId);
    if (!pending) return;
    pending.state = 'waiting';
    pending.error = null;
    this.update({ pending: [...this.outbox] });
    if (this.joined) void this.deliver(pending);
  }

  discard(clientMessageId: string): void {
    const index = this.outbox.findIndex((p) => p.clientMessageId === clientMessageId);
    if (this.outbox[index]?.state === 'failed') this.outbox.splice(index, 1);
    this.update({ pending: [...this.outbox] });
  }

  /** Tells the others this person is typing (at most every two seconds). */
  typing(): void {
    if (!this.joined || Date.now() - this.lastTypingSent < TYPING_SEND_INTERVAL_MS) return;
    this.lastTypingSent = Date.now();
    void this.connection.emit('typing', { roomId: this.roomId }).catch(() => undefined);
  }

  /**
   * The reader has seen everything shown: move their read position to the last message (after a
   * short pause, so a burst of messages or a long scroll sends one event).
   */
  markRead(): void {
    if (!this.joined) return;
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      const seq = this.lastSeq;
      if (!this.joined || seq <= this.readSeq) return;
      this.connection.emit('room.read', { roomId: this.roomId, seq }).then(
        (state) => {
          this.readSeq = Math.max(this.readSeq, state.lastReadSeq);
          setRoomRead(state);
        },
        () => undefined, // the next look at the room tries again
      );
    }, MARK_READ_DELAY_MS);
  }

  async edit(messageId: string, body: string): Promise<void> {
    this.onUpdated(
      await this.connection.emit('message.edit', {
        roomId: this.roomId,
        messageId,
        body,
      }),
    );
  }

  async delete(messageId: string): Promise<void> {
    this.onDeleted(
      await this.connection.emit('message.delete', {
        roomId: this.roomId,
        messageId,
      }),
    );
  }

  async hide(messageId: string, reason: string): Promise<void> {
    this.onUpdated(
      await this.connection.emit('message.hide', {
        roomId: this.roomId,
        messageId,
        reason,
      }),
    );
  }

  async restore(messageId: string, reason: string): Promise<void> {
    this.onUpdated(
      await this.connection.emit('message.restore', {
        roomId: this.roomId,
        messageId,
        reason,
      }),
    );
  }

  async mute(practitionerId: string, minutes: number, reason: string): Promise<string> {
    const { until } = await this.connection.emit('member.mute', {
      roomId: this.roomId,
      practitionerId,
      minutes,
      reason,
    });
    this.moderated();
    return until;
  }

  async removeMember(practitionerId: string, reason: string): Promise<void> {
    await this.connection.emit('member.remove', { roomId: this.roomId, practitionerId, reason });
    this.moderated();
  }

  async unmute(practitionerId: string, reason: string): Promise<void> {
    await this.connection.emit('member.unmute', { roomId: this.roomId, practitionerId, reason });
    this.moderated();
  }

  async readmit(practitionerId: string, reason: string): Promise<void> {
    await this.connection.emit('member.readmit', { roomId: this.roomId, practitionerId, reason });
    this.moderated();
  }

  private moderated(): void {
    this.update({ moderationTick: this.snapshot.moderationTick + 1 });
  }

  async upvote(messageId: string): Promise<void> {
    const message = await this.connection.emit('question.upvote', {
      roomId: this.roomId,
      messageId,
    });
    this.myVotes.add(messageId);
    this.onUpdated(message);
  }

  async markAnswered(messageId: string): Promise<void> {
    this.onUpdated(
      await this.connection.emit('question.answer', {
        roomId: this.roomId,
        messageId,
      }),
    );
  }

  /** The page of history before the oldest message shown. */
  async loadEarlier(): Promise<void> {
    if (this.snapshot.loadingEarlier || !this.snapshot.hasEarlier) return;
    this.update({ loadingEarlier: true });
    try {
      const page = await liveApi.history(this.roomId, this.oldestSeq, HISTORY_PAGE);
      for (const message of page) this.store(message);
      if (page.length < HISTORY_PAGE) this.oldestSeq = 1;
      this.publishMessages({ loadingEarlier: false });
    } catch (error) {
      this.update({ loadingEarlier: false });
      throw error;
    }
  }

  /** Joins (or re-joins after a reconnect, catching up from the last seq seen). */
  private join(): Promise<void> {
    this.joining ??= this.joinOnce().finally(() => {
      this.joining = null;
    });
    return this.joining;
  }

  private async joinOnce(): Promise<void> {
    if (this.stopped || this.snapshot.phase === 'removed') return;
    const rejoin = this.lastSeq > 0 || this.snapshot.room !== null;
    let data: RoomJoined;
    try {
      data = await this.connection.emit('room.join', {
        roomId: this.roomId,
        ...(rejoin ? { sinceSeq: this.lastSeq } : {}),
      });
    } catch (error) {
      if (error instanceof LiveError && error.code === 'DISCONNECTED') return; // next connect
      this.update({ phase: 'refused', problem: problemOf(error) });
      return;
    }
    if (this.stopped) return;
    if (data.reset) {
      // Too much was missed to catch up live: start again from the latest history.
      this.bySeq.clear();
      this.oldestSeq = Number.POSITIVE_INFINITY;
      this.lastSeq = 0;
      const latest = await liveApi.history(this.roomId, undefined, HISTORY_PAGE).catch(() => []);
      for (const message of latest) this.store(message);
    } else {
      for (const message of data.messages) this.store(message);
      // Catch-up by seq brings only new messages; edits, deletions and hides made meanwhile to
      // messages already on screen come with a fresh copy of the latest page.
      if (rejoin) {
        const latest = await liveApi.history(this.roomId, undefined, HISTORY_PAGE).catch(() => []);
        for (const message of latest) if (this.bySeq.has(message.seq)) this.store(message);
      }
    }
    // Everything up to the room's last seq at join time was in the answer.
    const top = Math.max(data.room.lastSeq, ...data.messages.map((m) => m.seq));
    if (!rejoin || data.reset) {
      if (this.oldestSeq === Number.POSITIVE_INFINITY) this.oldestSeq = top + 1;
    }
    this.lastSeq = Math.max(this.lastSeq, top);
    this.advance();
    this.joined = true;
    this.readSeq = Math.max(this.readSeq, data.lastReadSeq);
    this.publishMessages({
      phase: 'joined',
      room: data.room,
      canModerate: data.canModerate,
      canSend: data.canSend,
      mutedUntil: data.mutedUntil,
      // The line stays where it was at the first join, not where a re-join finds it.
      readAtJoin: this.snapshot.readAtJoin ?? data.lastReadSeq,
      present: data.present,
      problem: null,
    });
    if (data.room.kind === 'session') void this.loadQuestions();
    // What was written while offline goes out now, in order, with its original ids.
    for (const pending of [...this.outbox])
      if (pending.state === 'waiting' || pending.state === 'sending') await this.deliver(pending);
  }

  private async deliver(pending: PendingMessage): Promise<void> {
    pending.state = 'sending';
    this.update({ pending: [...this.outbox] });
    try {
      const message = await this.connection.emit('message.send', {
        roomId: this.roomId,
        clientMessageId: pending.clientMessageId,
        body: pending.body,
        ...(pending.isQuestion ? { isQuestion: true } : {}),
      });
      this.onCreated(message);
    } catch (error) {
      const problem = error instanceof LiveError ? error : new LiveError('INTERNAL', String(error));
      if (problem.code === 'DISCONNECTED') pending.state = 'waiting';
      else {
        pending.state = 'failed';
        pending.error = problem;
      }
      this.update({ pending: [...this.outbox] });
    }
  }

  private async loadQuestions(): Promise<void> {
    try {
      const list = await liveApi.questions(this.roomId);
      this.questions.clear();
      for (const q of list) {
        this.questions.set(q.id, q);
        if (q.upvotedByMe) this.myVotes.add(q.id);
      }
      this.publishQuestions();
    } catch {
      // the queue stays as it was; live updates keep coming
    }
  }

  private onCreated(message: MessageView): void {
    const index = this.outbox.findIndex(
      (p) => p.clientMessageId === message.clientMessageId && message.author?.id === this.myId,
    );
    if (index >= 0) this.outbox.splice(index, 1);
    this.store(message);
    if (message.author) this.typingUntil.delete(message.author.id);
    if (message.seq > this.lastSeq + 1 && this.joined) this.scheduleGapFill();
    this.advance();
    if (message.question) this.trackQuestion(message);
    this.publishMessages({ pending: [...this.outbox], typing: this.currentTyping() });
  }

  private onUpdated(message: MessageView): void {
    const known = this.bySeq.get(message.seq);
    if (known || message.seq <= this.lastSeq) this.store(message);
    this.trackQuestion(message);
    this.publishMessages({});
  }

  private onDeleted(event: MessageDeleted): void {
    const known = this.bySeq.get(event.seq);
    // A moderator keeps seeing a hidden message (with the reason) through message.updated.
    if (known && !(event.reason === 'hidden' && this.snapshot.canModerate)) {
      this.bySeq.set(event.seq, {
        ...known,
        // A hidden message's tombstone names no one (its author hears why through an update).
        author: event.reason === 'hidden' ? null : known.author,
        body: '',
        deleted: true,
        question: null,
        language: null,
      });
    }
    this.questions.delete(event.id);
    this.publishQuestions();
    this.publishMessages({});
  }

  private onTyping(person: PersonSummary): void {
    if (person.id === this.myId) return;
    this.typingUntil.set(person.id, { person, until: Date.now() + TYPING_SHOWN_MS });
    this.update({ typing: this.currentTyping() });
  }

  private currentTyping(): PersonSummary[] {
    const now = Date.now();
    for (const [id, entry] of this.typingUntil) if (entry.until <= now) this.typingUntil.delete(id);
    clearTimeout(this.typingTimer);
    if (this.typingUntil.size > 0) {
      const next = Math.min(...[...this.typingUntil.values()].map((e) => e.until));
      this.typingTimer = setTimeout(
        () => this.update({ typing: this.currentTyping() }),
        Math.max(50, next - now),
      );
    }
    return [...this.typingUntil.values()].map((e) => e.person);
  }

  private trackQuestion(message: MessageView): void {
    if (!message.question || message.deleted || message.hidden) {
      if (this.questions.delete(message.id)) this.publishQuestions();
      return;
    }
    this.questions.set(message.id, { ...message, upvotedByMe: this.myVotes.has(message.id) });
    this.publishQuestions();
  }

  private publishQuestions(): void {
    const list = [...this.questions.values()].map((q) => ({
      ...q,
      upvotedByMe: this.myVotes.has(q.id),
    }));
    this.update({ questions: list.sort(compareQuestions) });
  }

  private store(message: MessageView): void {
    this.bySeq.set(message.seq, message);
    if (message.seq < this.oldestSeq) this.oldestSeq = message.seq;
  }

  /** Moves lastSeq over every message now known without a hole. */
  private advance(): void {
    while (this.bySeq.has(this.lastSeq + 1)) this.lastSeq += 1;
  }

  /** A message arrived past a hole: give the hole a moment, then ask the server for it. */
  private scheduleGapFill(): void {
    clearTimeout(this.gapTimer);
    this.gapTimer = setTimeout(() => {
      const missing = [...this.bySeq.keys()].some((seq) => seq > this.lastSeq + 1);
      if (missing && this.joined && !this.stopped) void this.join();
    }, GAP_GRACE_MS);
  }

  private publishMessages(extra: Partial<RoomSnapshot>): void {
    // My own hidden message stays, as a placeholder with the moderators' reason.
    const messages = [...this.bySeq.values()]
      .filter((m) => !m.deleted || m.hidden !== null)
      .sort((a, b) => a.seq - b.seq);
    this.update({ ...extra, messages, hasEarlier: this.oldestSeq > 1 });
  }

  private update(patch: Partial<RoomSnapshot>): void {
    if (this.stopped) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
