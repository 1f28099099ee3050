// One store-and-broadcast at a time per room on this node (the database serializes them anyway),
// so this node's broadcasts leave in seq order and clients see no false gaps.
export class RoomSendOrder {
  private readonly queues = new Map<string, Promise<void>>();

  run<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(roomId) ?? Promise.resolve()).then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(roomId, tail);
    void tail.then(() => {
      if (this.queues.get(roomId) === tail) this.queues.delete(roomId);
    });
    return run;
  }
}
