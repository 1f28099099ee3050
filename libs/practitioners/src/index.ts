export { Practitioner } from './entities/practitioner.entity.js';
export { PractitionersModule } from './practitioners.module.js';
export {
  PractitionersService,
  type NewPractitioner,
  type ProfileSaved,
} from './practitioners.service.js';
export { presentPractitioner, presentMe, presentPerson } from './practitioner.presenter.js';
export { canActOnPractitioner, canHoldPosition } from './practitioners.policy.js';
export { ProfileDto, WorkingHoursDto } from './dto/profile.dto.js';
export { practitionerSqlNames } from './practitioner-sql.js';
