import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CitiesModule } from '#libs/cities';
import { ThemesModule } from '#libs/themes';
import { Practitioner } from './entities/practitioner.entity.js';
import { PractitionersController } from './practitioners.controller.js';
import { PractitionersService } from './practitioners.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Practitioner]), CitiesModule, ThemesModule],
  controllers: [PractitionersController],
  providers: [PractitionersService],
  exports: [PractitionersService],
})
export class PractitionersModule {}
