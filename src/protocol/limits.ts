/** Limits every backend enforces; the UI reads them too, to warn before sending. */
export const LIMITS = {
  bodyMaxChars: 4000,
  usernameMin: 3,
  usernameMax: 32,
  passwordMin: 8,
  passwordMax: 256,
  displayNameMax: 64,
  emailMax: 254,
  clientIdMax: 64,
  historyPageMax: 200,
  catchUpPageMax: 500,
  /** A group's title, in characters (after trimming). */
  groupTitleMax: 80,
  /** Members of one group, owner included. */
  groupMembersMax: 256,
  /** Public channels in one Browse channels answer. */
  channelPageMax: 100,
  /** Distinct emoji on one message. */
  reactionsPerMessageMax: 20,
  /** Bytes of one socket frame or HTTP body: far above a 4,000-character body, far below 10 MB. */
  payloadMaxBytes: 64 * 1024,
} as const;

export const USERNAME_PATTERN = /^[a-z0-9_.-]+$/;
