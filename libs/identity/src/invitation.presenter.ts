import type { InvitationView } from '#libs/contracts';
import { presentCitySummary } from '#libs/cities';
import type { Invitation } from './entities/invitation.entity.js';

export const presentInvitation = (invitation: Invitation): InvitationView => ({
  id: invitation.id,
  email: invitation.email,
  networkRole: invitation.networkRole,
  city: invitation.city ? presentCitySummary(invitation.city) : null,
  expiresAt: invitation.expiresAt.toISOString(),
  acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
});
