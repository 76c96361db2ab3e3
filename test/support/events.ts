/** A document's server-sent events, read as they arrive into one growing string. */
export interface EventStream {
  /** The HTTP status of the events request. */
  status: number;
  /** Everything received so far. */
  readonly received: string;
  /** Aborts the request and waits until the reading has stopped. */
  close(): Promise<void>;
}

/** Opens `/api/documents/:id/events` on the server at `baseUrl` as the holder of `token`. */
export async function openEventStream(
  baseUrl: string,
  documentId: string,
  token: string,
): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/documents/${documentId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  let received = '';
  const reader = res.body!.getReader();
  const read = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      received += decoder.decode(value);
    }
  })().catch(() => undefined);
  return {
    status: res.status,
    get received() {
      return received;
    },
    async close() {
      controller.abort();
      await read;
    },
  };
}
