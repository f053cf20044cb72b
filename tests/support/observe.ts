/** The first value an observable (a liveQuery, a view) gives, then unsubscribed. */
export function firstValueOf<T>(observable: { subscribe(o: { next(v: T): void; error(e: unknown): void }): { unsubscribe(): void } }): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = observable.subscribe({
      next: (value) => {
        queueMicrotask(() => subscription.unsubscribe());
        resolve(value);
      },
      error: reject,
    });
  });
}
