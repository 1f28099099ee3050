export { IdentityModule } from './identity.module.js';
export { ActorResolver, type ResolvedToken } from './actor-resolver.service.js';
export { TokenService, JWT_SECRET } from './token.service.js';
export { AuthService } from './auth.service.js';
export { InvitationsService } from './invitations.service.js';
export { hashPassword } from './passwords.js';
export { Invitation } from './entities/invitation.entity.js';
export { AccountsService, ERASED_DISPLAY_NAME } from './accounts.service.js';
export { presentInvitation } from './invitation.presenter.js';
