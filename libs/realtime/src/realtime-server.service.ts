// The /live namespace as the rest of the app sees it: broadcast to a channel, find this node's
// connections of a person, and run a task on every API node and wait until each has done it
// (how a change of someone's authority reaches their sockets everywhere before it is answered).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AppConfig, APP_CONFIG } from '#libs/config';
import { memberChannel, type RealtimeNamespace, type RealtimeSocket } from './channels.js';

/** The server-side event that carries node tasks between API nodes. */
const NODE_TASK_EVENT = 'crossings:node-task';

type NodeTask = (payload: unknown) => Promise<void>;

@Injectable()
export class RealtimeServer {
  private readonly logger = new Logger('RealtimeServer');
  private nsp: RealtimeNamespace | null = null;
  private readonly tasks = new Map<string, NodeTask>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Called once by the realtime gateway when the namespace exists. */
  attach(nsp: RealtimeNamespace): void {
    this.nsp = nsp;
    nsp.on(NODE_TASK_EVENT, (name: string, payload: unknown, reply?: (done: true) => void) => {
      void this.runHere(name, payload).finally(() => reply?.(true));
    });
  }

  get namespace(): RealtimeNamespace {
    if (!this.nsp) throw new Error('The live namespace is not ready yet.');
    return this.nsp;
  }

  /** A broadcaster to one channel (a room, a person, a room's moderators), on every node. */
  to(channel: string | string[]) {
    return this.namespace.to(channel);
  }

  /** Registers what this node does when any node asks every node to run task `name`. */
  onTask<P>(name: string, task: (payload: P) => Promise<void>): void {
    this.tasks.set(name, task as NodeTask);
  }

  /**
   * Runs task `name` here and on every other node, and resolves when all have finished (or,
   * for a node that does not answer within the adapter's 5 s, when it is given up as gone).
   */
  async onEveryNode(name: string, payload: unknown): Promise<void> {
    const here = this.runHere(name, payload);
    const elsewhere =
      this.config.REDIS_URL && this.nsp
        ? this.nsp.serverSideEmitWithAck(NODE_TASK_EVENT, name, payload).catch((error: Error) => {
            this.logger.warn(`${name} did not finish on every node: ${error.message}`);
          })
        : Promise.resolve();
    await Promise.all([here, elsewhere]);
  }

  /** This node's open connections of one person. */
  localSocketsOf(practitionerId: string): RealtimeSocket[] {
    if (!this.nsp) return [];
    const ids = this.nsp.adapter.rooms.get(memberChannel(practitionerId)) ?? new Set<string>();
    return [...ids]
      .map((id) => this.nsp!.sockets.get(id) as RealtimeSocket | undefined)
      .filter((socket): socket is RealtimeSocket => socket !== undefined);
  }

  private async runHere(name: string, payload: unknown): Promise<void> {
    const task = this.tasks.get(name);
    if (!task) return;
    try {
      await task(payload);
    } catch (error) {
      this.logger.error(`${name}: ${(error as Error).message}`);
    }
  }
}
