// A person's data is spread over many libraries. Each library that keeps something about a person
// registers a holder here; identity calls every holder, inside its own transaction, when the
// person exports their data or erases their account. A new library adds its part by registering.
import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface PersonalDataHolder {
  /** The export's key for this part, e.g. "memberships". */
  readonly name: string;
  /**
   * The columns holding the person's id that this part covers, as "table.column" (a test checks
   * that every column referring to a practitioner is covered by some part).
   */
  readonly columns: readonly string[];
  /** What is held about the person, ready for JSON (other people's names only where they may see them). */
  export(practitionerId: string, manager: EntityManager): Promise<unknown>;
  /** Removes the person's data, or keeps it under the neutral name where an exchange needs it. */
  erase(practitionerId: string, manager: EntityManager): Promise<void>;
}

@Injectable()
export class PersonalData {
  private readonly holders: PersonalDataHolder[] = [];

  register(holder: PersonalDataHolder): void {
    if (this.holders.some((h) => h.name === holder.name))
      throw new Error(`Two personal-data holders are named ${holder.name}`);
    this.holders.push(holder);
  }

  async exportAll(
    practitionerId: string,
    manager: EntityManager,
  ): Promise<Record<string, unknown>> {
    const parts: Record<string, unknown> = {};
    for (const holder of this.holders)
      parts[holder.name] = await holder.export(practitionerId, manager);
    return parts;
  }

  private readonly declared: string[] = [];

  /** Columns the caller exports and erases itself (identity's own tables). */
  declareCovered(columns: readonly string[]): void {
    this.declared.push(...columns);
  }

  /** Every column some part covers, for the completeness test. */
  coveredColumns(): string[] {
    return [...new Set([...this.declared, ...this.holders.flatMap((h) => h.columns)])].sort();
  }

  /** The export's keys of the registered parts. */
  partNames(): string[] {
    return this.holders.map((h) => h.name);
  }

  async eraseAll(practitionerId: string, manager: EntityManager): Promise<void> {
    for (const holder of this.holders) await holder.erase(practitionerId, manager);
  }
}

@Global()
@Module({ providers: [PersonalData], exports: [PersonalData] })
export class PersonalDataModule {}
