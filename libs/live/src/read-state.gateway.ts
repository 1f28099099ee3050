// Reading on /live: a reader marks a room read up to a seq; their other connections (tabs,
// devices) hear the new position, so every badge agrees.
import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveAck, type RoomReadState } from '#libs/contracts';
import { memberChannel, OnClientEvent, RealtimeAcks, type RealtimeSocket } from '#libs/realtime';
import { MarkReadDto } from './dto/live.dto.js';
import { ReadStateService } from './read-state.service.js';
import { RoomsService } from './rooms.service.js';

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ReadStateGateway {
  constructor(
    private readonly acks: RealtimeAcks,
    private readonly rooms: RoomsService,
    private readonly reads: ReadStateService,
  ) {}

  @OnClientEvent('room.read')
  markRead(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<RoomReadState>> {
    return this.acks.run(socket, MarkReadDto, payload, async ({ roomId, seq }) => {
      const { actor } = socket.data;
      await this.rooms.context(actor, roomId);
      const state = await this.reads.markRead(actor.id, roomId, seq);
      socket.to(memberChannel(actor.id)).emit('unread.changed', state);
      return state;
    });
  }
}
