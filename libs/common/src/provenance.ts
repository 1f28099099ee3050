// What a practice can come from (an exchange, a session, a thread, a post, a live message) is
// owned by other libraries. Each registers a source here that describes one of its things as the
// asking person may see it; the practice library links, prefills and quotes through them without
// reading another library's tables. A new kind of content adds its part by registering.
import { Global, Injectable, Module } from '@nestjs/common';
import type { ProvenanceKind } from '#libs/contracts';
import type { Actor } from './access.js';

export interface ProvenanceDescription {
  title: string;
  /** The source's own words (a message's or post's body, a session's agenda), at most a few thousand characters. */
  excerpt: string;
  /** Who wrote it, for sources with an author (posts, messages); null for exchanges and sessions. */
  author: { id: string } | null;
  /** The exchange it belongs to, if any. */
  exchangeId: string | null;
  /** Spoken under the Chatham House rule: nothing that leaves the exchange may name its author. */
  chathamHouse: boolean;
  /** Where the web client shows it, e.g. /exchanges/…/sessions/…. */
  url: string;
  /** Theme slugs, to prefill a draft proposed from it. */
  themes?: string[];
  /** Participating cities, to prefill a draft proposed from it. */
  cityIds?: string[];
  /** The language it is written in, when known. */
  language?: string | null;
}

export interface ProvenanceSource {
  /**
   * The thing as `actor` may see it (null: signed out), or null when it does not exist or they
   * may not read it: a source they may not read must look like a missing one.
   */
  describe(actor: Actor | null, id: string): Promise<ProvenanceDescription | null>;
}

@Injectable()
export class ProvenanceSources {
  private readonly sources = new Map<ProvenanceKind, ProvenanceSource>();

  register(kind: ProvenanceKind, source: ProvenanceSource): void {
    if (this.sources.has(kind)) throw new Error(`Two provenance sources describe ${kind}`);
    this.sources.set(kind, source);
  }

  /** Whether some library describes this kind (threads and posts arrive with discussions). */
  knows(kind: ProvenanceKind): boolean {
    return this.sources.has(kind);
  }

  async describe(
    kind: ProvenanceKind,
    actor: Actor | null,
    id: string,
  ): Promise<ProvenanceDescription | null> {
    const source = this.sources.get(kind);
    return source ? source.describe(actor, id) : null;
  }
}

@Global()
@Module({ providers: [ProvenanceSources], exports: [ProvenanceSources] })
export class ProvenanceModule {}
