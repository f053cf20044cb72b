import type { MessageDescriptor } from '@lingui/core';
import { msg, t } from '@lingui/core/macro';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ChatError } from '../../transport';
import { Button, IconButton } from '../../ui/Button';
import { errorText } from '../../ui/i18n/errors';
import { formatLocale, i18n } from '../../ui/i18n/i18n';
import type { ScenarioLink, SimulatedTeammate, SimulatedTeammateCommands, SimulationControls, SimulationDemo, SimulationState } from './controls';
import { DemoControls, DemoShortcuts } from './DemoControls';
import { ExportScenario } from './ExportScenario';
import './simulation.css';

export interface SimulationPanelProps {
  controls: SimulationControls;
  scenarios: readonly ScenarioLink[];
  galleryHref: string;
  /** The scenario on screen: Reset then rebuilds it (a reload) instead of resetting the demo data. */
  currentScenario?: { name: string; href: string } | null;
  /** Start open (a test, or a designer's link). */
  defaultOpen?: boolean;
  /** A scripted demo (`?demo=NAME`): its controls lead the panel, its keys work with the panel closed. */
  demo?: SimulationDemo | null;
}

/** Alt+Shift+S, by key position so it works whatever Alt+Shift does to the letter. */
export function isPanelShortcut(event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyS';
}

type Command = keyof SimulatedTeammateCommands;

/** The teammate commands: their buttons, and what the status line says once one is done (`name`: the teammate's). */
const COMMANDS: readonly { command: Command; label: MessageDescriptor; done: (name: string) => string }[] = [
  { command: 'type', label: msg`Type`, done: (name) => t`${name} is typing to you.` },
  { command: 'reply', label: msg`Reply`, done: (name) => t`${name} replied.` },
  { command: 'read', label: msg`Mark read`, done: (name) => t`${name} read your messages.` },
  { command: 'comeOnline', label: msg`Come online`, done: (name) => t`${name} is online.` },
  { command: 'goOffline', label: msg`Go offline`, done: (name) => t`${name} went offline.` },
];

/** A refusal in the reader's language (errorText); anything else is a bug, said as the error says it. */
function failureText(error: unknown): string {
  if (error instanceof ChatError) return errorText(error);
  return error instanceof Error ? error.message : String(error);
}

function useSimulationState(controls: SimulationControls): SimulationState {
  const store = useMemo(() => latestState(controls), [controls]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * The controls' state as React's external store wants it: one snapshot object until it changes
 * (getState() builds a new one on every call). Read again on subscribing, for a change made before.
 */
function latestState(controls: SimulationControls) {
  let snapshot = controls.getState();
  return {
    getSnapshot: () => snapshot,
    subscribe(onChange: () => void) {
      const unsubscribe = controls.subscribe((state) => {
        snapshot = state;
        onChange();
      });
      snapshot = controls.getState();
      return unsubscribe;
    },
  };
}

/**
 * The designer's simulation panel (sim mode only): the network's latency,
 * failures and offline switch, the simulated teammates, the demo data and
 * the scenarios. A non-modal dialog: Escape or Alt+Shift+S closes it and
 * focus goes back to the button that opened it.
 */
export function SimulationPanel({ controls, scenarios, galleryHref, currentScenario = null, defaultOpen = false, demo = null }: SimulationPanelProps) {
  const [open, setOpen] = useState(defaultOpen);
  const trigger = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const panelId = useId();
  const headingId = useId();

  const close = useCallback(() => {
    setOpen(false);
    requestAnimationFrame(() => trigger.current?.focus());
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPanelShortcut(event)) return;
      event.preventDefault();
      setOpen((wasOpen) => {
        if (wasOpen) requestAnimationFrame(() => trigger.current?.focus());
        return !wasOpen;
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="sim-trigger"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-keyshortcuts="Alt+Shift+S"
        aria-label={t`Simulation`}
        title={t`Simulation (Alt+Shift+S)`}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <SlidersIcon />
      </button>
      {demo && <DemoShortcuts demo={demo} />}
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-modal="false"
          aria-labelledby={headingId}
          className="sim-panel"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <div className="sim-panel__header">
            <h2 id={headingId} ref={heading} tabIndex={-1}>
              {t`Simulation`}
            </h2>
            <IconButton label={t`Close simulation panel`} onClick={close} className="sim-panel__close">
              <span aria-hidden="true">×</span>
            </IconButton>
          </div>
          <div className="sim-panel__body">
            {demo && <DemoControls demo={demo} />}
            <NetworkControls controls={controls} />
            <TeammateControls controls={controls} />
            <DataControls controls={controls} currentScenario={currentScenario} />
            <ExportScenario controls={controls} />
            <section aria-labelledby={`${headingId}-scenarios`} className="sim-panel__section">
              <h3 id={`${headingId}-scenarios`}>{t`Scenarios`}</h3>
              <ul className="sim-panel__scenarios">
                {scenarios.map((s) => (
                  <li key={s.name}>
                    <a href={s.href} title={s.description} aria-current={currentScenario?.name === s.name ? 'page' : undefined}>
                      {s.name}
                    </a>
                  </li>
                ))}
              </ul>
              <p>
                <a href={galleryHref}>{t`All scenarios, described`}</a>
              </p>
            </section>
          </div>
        </div>
      )}
    </>
  );
}

function NetworkControls({ controls }: { controls: SimulationControls }) {
  const state = useSimulationState(controls);
  const failurePercent = Math.round(state.failureRate * 100);
  // Digits in the reader's locale, ungrouped: a slider's readout of up to 5000 reads as a value, not an amount.
  const number = new Intl.NumberFormat(formatLocale(), { useGrouping: false });
  const latency = number.format(state.latency.meanMs);
  const jitter = number.format(state.latency.jitterMs);
  const failures = new Intl.NumberFormat(formatLocale(), { style: 'percent' }).format(state.failureRate);
  return (
    <fieldset className="sim-panel__section">
      <legend>{t`Network`}</legend>
      <label className="sim-panel__switch">
        <input type="checkbox" role="switch" checked={state.offline} onChange={(event) => controls.setOffline(event.target.checked)} />
        {t`Offline`}
      </label>
      <p className="sim-panel__note" role="status">
        {state.online ? t`Connected to the simulated server.` : t`The simulated network is down.`}
      </p>
      <Slider label={t`Latency`} max={5000} step={50} value={state.latency.meanMs} shown={t`${latency} ms`} onChange={(meanMs) => controls.setLatency({ meanMs })} />
      <Slider label={t`Jitter`} max={2000} step={50} value={state.latency.jitterMs} shown={t`± ${jitter} ms`} onChange={(jitterMs) => controls.setLatency({ jitterMs })} />
      <Slider
        label={t`Failure rate`}
        max={100}
        step={5}
        value={failurePercent}
        shown={failures}
        valueText={t`${failures} of requests lost`}
        onChange={(percent) => controls.setFailureRate(percent / 100)}
      />
    </fieldset>
  );
}

interface SliderProps {
  label: string;
  max: number;
  step: number;
  value: number;
  /** The value as shown beside the slider, and read out unless `valueText` says more. */
  shown: string;
  valueText?: string;
  onChange(value: number): void;
}

function Slider({ label, max, step, value, shown, valueText = shown, onChange }: SliderProps) {
  const id = useId();
  return (
    <div className="sim-panel__range">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="range" min={0} max={max} step={step} value={value} aria-valuetext={valueText} onChange={(event) => onChange(Number(event.target.value))} />
      <output htmlFor={id}>{shown}</output>
    </div>
  );
}

function TeammateControls({ controls }: { controls: SimulationControls }) {
  const [team, setTeam] = useState<SimulatedTeammate[]>([]);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const id = useId();

  const showTeam = useCallback((list: SimulatedTeammate[]) => {
    setTeam(list);
    setChosen((current) => (current && list.some((mate) => mate.username === current) ? current : (list[0]?.username ?? '')));
  }, []);
  const load = async () => showTeam(await controls.teammates());

  useEffect(() => {
    let mounted = true;
    controls.teammates().then(
      (list) => mounted && showTeam(list),
      (error: unknown) => mounted && setStatus(failureText(error)),
    );
    return () => {
      mounted = false;
    };
  }, [controls, showTeam]);

  const teammate = team.find((mate) => mate.username === chosen);
  const run = async (command: Command, done: (name: string) => string) => {
    if (!teammate) return;
    setBusy(true);
    try {
      await controls.teammate(teammate.username)[command]();
      setStatus(done(teammate.displayName));
      await load();
    } catch (error) {
      setStatus(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="sim-panel__section" disabled={team.length === 0}>
      <legend>{t`Teammates`}</legend>
      <label htmlFor={`${id}-who`}>{t`Teammate`}</label>
      <select id={`${id}-who`} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        {team.map((mate) => {
          const name = mate.displayName;
          return (
            <option key={mate.username} value={mate.username}>
              {mate.presence === 'online' ? t`${name} (online)` : t`${name} (offline)`}
            </option>
          );
        })}
      </select>
      <div className="sim-panel__buttons">
        {COMMANDS.filter(({ command }) => (teammate?.presence === 'online' ? command !== 'comeOnline' : command !== 'goOffline')).map(({ command, label, done }) => (
          <Button key={command} variant="secondary" disabled={busy || !teammate} onClick={() => void run(command, done)}>
            {i18n._(label)}
          </Button>
        ))}
      </div>
      <p className="sim-panel__note" role="status">
        {status}
      </p>
    </fieldset>
  );
}

function DataControls({ controls, currentScenario }: { controls: SimulationControls; currentScenario: { name: string; href: string } | null }) {
  const [busy, setBusy] = useState(false);
  return (
    <section className="sim-panel__section" aria-label={t`Demo data`}>
      {currentScenario ? (
        <RestartScenario scenario={currentScenario} />
      ) : (
        <Button
          variant="danger"
          busy={busy}
          onClick={() => {
            setBusy(true);
            void controls.resetDemoData().finally(() => setBusy(false));
          }}
        >
          {t`Reset demo data`}
        </Button>
      )}
    </section>
  );
}

/** A scenario restarts by loading it again: built afresh. */
function RestartScenario({ scenario }: { scenario: { name: string; href: string } }) {
  const name = scenario.name;
  return (
    <a className="button button--secondary" href={scenario.href}>
      {t`Restart the ${name} scenario`}
    </a>
  );
}

function SlidersIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
      <circle cx="16" cy="6" r="2" />
      <circle cx="10" cy="12" r="2" />
      <circle cx="18" cy="18" r="2" />
    </svg>
  );
}
