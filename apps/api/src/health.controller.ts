import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { HealthView } from '#libs/contracts';
import { Access, APP_VERSION } from '#libs/common';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 when the API can reach PostgreSQL, 503 otherwise (for load balancers). */
  @Get()
  @Access('public')
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    if (database === 'down') res.status(503);
    return { status: database === 'up' ? 'ok' : 'degraded', database, version: APP_VERSION };
  }
}
