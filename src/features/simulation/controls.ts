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
