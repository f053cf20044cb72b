import type { ErrorCode } from '../../transport';

/**
 * What the simulation panel drives, as the UI sees it. The sim adapter's
 * SimController satisfies it (main.tsx passes `transport.sim` in), so the
 * panel never imports an adapter.
 */

export interface SimulatedLatency {
  meanMs: number;
  jitterMs: number;
}

export interface SimulationState {
  latency: SimulatedLatency;
  /** 0..1 */
  failureRate: number;
  /** The designer's offline switch. */
  offline: boolean;
  /** The switch is off and the browser is online. */
  online: boolean;
}

export interface SimulatedTeammate {
  username: string;
  displayName: string;
  presence: 'online' | 'offline';
}

export interface SimulatedTeammateCommands {
  type(): Promise<void>;
  reply(): Promise<unknown>;
  read(): Promise<void>;
  goOffline(): Promise<void>;
  comeOnline(): Promise<void>;
}

export interface SimulationControls {
  getState(): SimulationState;
  subscribe(listener: (state: SimulationState) => void): () => void;
  setLatency(latency: Partial<SimulatedLatency>): void;
  setFailureRate(rate: number): void;
  setOffline(offline: boolean): void;
  teammates(): Promise<SimulatedTeammate[]>;
  teammate(username: string): SimulatedTeammateCommands;
  resetDemoData(): Promise<void>;
  /** The state as the person signed in sees it, as a scenario file to save (JSON text, and a name for it). */
  exportScenario(): Promise<{ fileName: string; text: string }>;
}

/** A scenario a designer can switch to. */
export interface ScenarioLink {
  name: string;
  description: string;
  href: string;
}

/**
 * A step of a scripted demo (`?demo=NAME`) in parts the demo controls put in words, with names as
 * the person signed in sees them: a person's display name, a group's title. `who` null is that person.
 */
export type DemoStepView =
  | { do: 'type'; who: string; in: string; typing: boolean }
  | { do: 'send'; who: string | null; in: string; body: string; reply: boolean }
  | { do: 'react'; who: string | null; emoji: string; on: boolean; to: string }
  | { do: 'read'; who: string; in: string }
  | { do: 'network'; offline: boolean }
  | { do: 'createGroup'; who: string | null; title: string }
  | { do: 'open'; in: string };

export interface DemoState {
  /** Steps done. */
  done: number;
  total: number;
  playing: boolean;
  /** A step is under way (carried out, then the app settling). */
  busy: boolean;
  /** The step still to come; null after the last. */
  next: DemoStepView | null;
  /**
   * The last step the demo stopped at: it could not be done (and the refusal), or the app had not
   * settled after it within the bound (`afterMs`). Cleared by the next play or step.
   */
  failure: { step: number; kind: 'failed'; error: { code: ErrorCode; message: string } } | { step: number; kind: 'unsettled'; afterMs: number } | null;
}

/** A scripted demo's player, as the panel's Demo section drives it (the sim adapter's demo satisfies it). */
export interface SimulationDemo {
  /** The demo's own title, from its file. */
  readonly title: string;
  getState(): DemoState;
  subscribe(listener: (state: DemoState) => void): () => void;
  /** Play, or pause. */
  toggle(): void;
  /** The next step now, pausing first (while playing with a step under way: once that one has settled). */
  step(): void | Promise<void>;
  /** From the start, afresh. */
  restart(): void;
}
