/**
 * The built-in models the worker holds, most recently used last, at most two (the active model
 * and one being built). The main thread keeps the same record of model ids and updates it as it
 * sends requests, in the order the worker handles them, so it always knows which models the
 * worker has without asking.
 */
export class ModelSlots<T> {
  private readonly slots = new Map<string, T>();

  constructor(private readonly capacity = 2) {}

  get(id: string): T | undefined {
    const value = this.slots.get(id);
    if (value !== undefined) {
      this.slots.delete(id);
      this.slots.set(id, value);
    }
    return value;
  }

  set(id: string, value: T): void {
    this.slots.delete(id);
    this.slots.set(id, value);
    while (this.slots.size > this.capacity) this.slots.delete(this.slots.keys().next().value!);
  }

  clear(): void {
    this.slots.clear();
  }
}
