import type { InvitationView } from '../../contracts/src/index.js';
import { presentCitySummary } from '../../cities/src/index.js';
import type { Invitation } from './entities/invitation.entity.js';

export const presentInvitation = (invitation: Invitation): InvitationView => ({
  id: invitation.id,
  email: invitation.email,
  networkRole: invitation.networkRole,
  city: invitation.city ? presentCitySummary(invitation.city) : null,
  expiresAt: invitation.expiresAt.toISOString(),
  acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
});
