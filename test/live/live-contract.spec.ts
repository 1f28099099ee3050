// The contract's payload schemas (what /api/docs/live tells clients) and the server's DTOs (what
// it accepts) name the same fields, with the same ones optional, for every client event.
import { getMetadataStorage } from 'class-validator';
import { type ClientEvent, CLIENT_EVENTS, LIVE_CLIENT_EVENTS } from '#libs/contracts';
import {
  EditMessageDto,
  HideMessageDto,
  JoinRoomDto,
  MarkReadDto,
  MemberModerationDto,
  MessageRefDto,
  MuteMemberDto,
  RoomRefDto,
  SendMessageDto,
} from '../../libs/live/src/dto/live.dto.js';
import { RenewAuthDto } from '../../libs/realtime/src/realtime.dto.js';
import { ThreadRefDto } from '../../libs/discussions/src/dto/threads.dto.js';

const DTO_OF: Record<ClientEvent, new () => object> = {
  'auth.renew': RenewAuthDto,
  'room.join': JoinRoomDto,
  'room.leave': RoomRefDto,
  'room.read': MarkReadDto,
  'message.send': SendMessageDto,
  'message.edit': EditMessageDto,
  'message.delete': MessageRefDto,
  typing: RoomRefDto,
  'message.hide': HideMessageDto,
  'message.restore': HideMessageDto,
  'member.mute': MuteMemberDto,
  'member.unmute': MemberModerationDto,
  'member.remove': MemberModerationDto,
  'member.readmit': MemberModerationDto,
  'question.upvote': MessageRefDto,
  'question.answer': MessageRefDto,
  'thread.subscribe': ThreadRefDto,
  'thread.unsubscribe': ThreadRefDto,
};

function fieldsOf(dto: new () => object): { all: string[]; optional: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const all = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const optional = [
    ...new Set(
      metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
    ),
  ].sort();
  return { all, optional };
}

describe('the live contract and the DTOs', () => {
  it.each(CLIENT_EVENTS)('%s: the schema and the DTO have the same fields', (event) => {
    const schema = LIVE_CLIENT_EVENTS[event].request as {
      properties: Record<string, unknown>;
      required: string[];
    };
    const dto = fieldsOf(DTO_OF[event]);
    expect(Object.keys(schema.properties).sort()).toEqual(dto.all);
    const optional = Object.keys(schema.properties)
      .filter((k) => !schema.required.includes(k))
      .sort();
    expect(optional).toEqual(dto.optional);
  });
});
