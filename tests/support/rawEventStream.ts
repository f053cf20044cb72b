import { expect } from 'vitest';
import { EVENTS_PATH } from '../../src/protocol/http';

export interface RawEventStream {
  /** Everything read so far, as it came over the wire. */
  readonly text: string;
  /**
   * Reads until `marker` has arrived (ended: false) or, without one or when
   * the response ends first, to the end of the response (ended: true).
   */
  until(marker?: string): Promise<{ text: string; ended: boolean }>;
  /** Closes it from the client's side. */
  cancel(): Promise<void>;
}

/** Opens the event stream of the server at `baseUrl` with `ticket` and reads its text, frames and all. */
export async function openRawEventStream(baseUrl: string, ticket: string): Promise<RawEventStream> {
  const response = await fetch(`${baseUrl}${EVENTS_PATH}?${new URLSearchParams({ ticket })}`);
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  return {
    get text() {
      return text;
    },
    async until(marker) {
      while (marker === undefined || !text.includes(marker)) {
        const { done, value } = await reader.read();
        if (done) return { text, ended: true };
        text += value;
      }
      return { text, ended: false };
    },
    cancel: () => reader.cancel(),
  };
}
