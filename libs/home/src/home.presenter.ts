// The home page's own shapes; each library's presenter shapes its own resources inside them.
import type {
  ExchangeChanges,
  ExchangeRef,
  HomeExchange,
  HomeRoom,
  HomeSession,
  NeverSignedInMember,
  RoomView,
} from '#libs/contracts';
import type { Membership } from '#libs/exchanges';
import { type Practitioner, presentPerson } from '#libs/practitioners';
import { presentSession, type Session } from '#libs/sessions';

export const presentExchangeRef = (e: ExchangeRef): ExchangeRef => ({
  id: e.id,
  title: e.title,
  status: e.status,
});

const presentHomeRoom = (room: RoomView): HomeRoom => ({
  id: room.id,
  open: room.open,
  opensAt: room.opensAt,
  closesAt: room.closesAt,
});

export const presentHomeSession = (
  session: Session,
  exchange: ExchangeRef,
  room: RoomView | null,
): HomeSession => ({
  session: presentSession(session),
  exchange: presentExchangeRef(exchange),
  room: room ? presentHomeRoom(room) : null,
});

export const presentHomeExchange = (
  membership: Membership,
  since: Date,
  changes: ExchangeChanges,
): HomeExchange => ({
  exchange: presentExchangeRef(membership.exchange),
  myRole: membership.role,
  lastVisitAt: membership.lastVisitAt?.toISOString() ?? null,
  changesSince: since.toISOString(),
  changes,
});

export const presentNeverSignedIn = (p: Practitioner): NeverSignedInMember => ({
  person: presentPerson(p),
  networkRole: p.networkRole,
  accountCreatedAt: p.createdAt.toISOString(),
});
