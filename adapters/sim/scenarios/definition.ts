import type { ConversationId, Session } from '../../../src/transport';
import type { SimController } from '../controller';
import type { LatencySettings } from '../simLink';
import type { ScenarioWriter } from './scenarioWriter';

/** What the app does at a scenario's start, once online and synced, with the conversations resolved. */
export type StartAction =
  | { do: 'send'; conversationId: ConversationId; body: string }
  | { do: 'network'; offline?: boolean; latencyMs?: number; jitterMs?: number; failureRate?: number };

/** What a scenario's build leaves for the app. */
export interface ScenarioBuild {
  /** Who the app starts signed in as; null for a signed-out scenario. */
  session: Session | null;
  /** The conversation to open, if any. */
  open: ConversationId | null;
  /** Message info to show on my message at this seq of the open conversation (the URL's `#/c/<id>/info/<seq>`). */
  info?: number;
  /** What the scenario does once the app is online (people start typing); its play calls it. */
  whenOnline?: () => Promise<void>;
  /** Then, in order: sends through the app, network changes. */
  onStart?: readonly StartAction[];
}

/** What a scenario may do once the app runs, signed in: leave messages pending or failed, make someone type. */
export interface ScenarioPlay {
  build: ScenarioBuild;
  sim: SimController;
  /** Sends as the signed-in person, through the app's own engine (so it is pending, sent or failed like any message). */
  send(conversationId: ConversationId, body: string): Promise<unknown>;
  /** Resolves once the app is connected. */
  online(): Promise<void>;
  /** Resolves once the app's cache holds everything the server had when this was called. */
  synced(): Promise<void>;
}

export interface ScenarioDefinition {
  /** The scenario's name: its file's, without `.json`. */
  name: string;
  /** The instant the scenario's clock starts from (ISO). */
  startsAt: string;
  /** Seeds its ids and dice; default from the name. */
  seed?: number;
  network?: { latency?: Partial<LatencySettings>; failureRate?: number; offline?: boolean; timeoutMs?: number };
  /** Sends the server refuses, first ones first (the Retry then goes through). */
  refusedSends?: number;
  /** How long a "typing" lasts without a refresh, in the sim and in the app. */
  typingLastsMs?: number;
  /** The theme at the start; absent: the reader's own. */
  theme?: 'light' | 'dark' | 'system';
  build(w: ScenarioWriter): Promise<ScenarioBuild>;
  play?(play: ScenarioPlay): Promise<void>;
  /** A signed-out scenario: what the sign-in form shows, submitted once (so its field errors show). */
  signInForm?: { username: string; password: string };
}
