// Who is in a room, counted once per person however many tabs and devices they have open,
// across every API node (fetchSockets asks the other nodes through the adapter).
import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { PersonSummary, PresenceEntry } from '../../contracts/src/index.js';

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const moderatorsChannel = (roomId: string) => `mods:${roomId}`;
export const memberChannel = (practitionerId: string) => `member:${practitionerId}`;

export interface LiveSocketData {
  actor: { id: string; networkRole: 'member' | 'coordinator' | 'admin' };
  person: PersonSummary;
  tokenExpiresAt: number;
}

@Injectable()
export class PresenceService {
  async present(nsp: Namespace, roomId: string): Promise<PresenceEntry[]> {
    const sockets = await nsp.in(roomChannel(roomId)).fetchSockets();
    const byPerson = new Map<string, PresenceEntry>();
    for (const socket of sockets) {
      const data = socket.data as Partial<LiveSocketData>;
      if (!data.person) continue;
      const entry = byPerson.get(data.person.id);
      if (entry) entry.connections += 1;
      else byPerson.set(data.person.id, { person: data.person, connections: 1 });
    }
    return [...byPerson.values()].sort((a, b) =>
      a.person.displayName.localeCompare(b.person.displayName),
    );
  }
}
