// People speak under an exchange's attribution rule, so the rule is fixed once anyone has: the
// libraries that keep content inside an exchange (live messages, threads) say whether they hold
// any, without the exchanges library reading their tables.
import { Injectable } from '@nestjs/common';

export interface ExchangeContentHolder {
  holdsContent(exchangeId: string): Promise<boolean>;
}

@Injectable()
export class ExchangeContent {
  private readonly holders: ExchangeContentHolder[] = [];

  register(holder: ExchangeContentHolder): void {
    this.holders.push(holder);
  }

  async anyHeld(exchangeId: string): Promise<boolean> {
    for (const holder of this.holders) if (await holder.holdsContent(exchangeId)) return true;
    return false;
  }
}
