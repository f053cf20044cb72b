import { t } from '@lingui/core/macro';
import { useCallback, useEffect, useId, useMemo, useSyncExternalStore } from 'react';
import { Button } from '../../ui/Button';
import { errorText } from '../../ui/i18n/errors';
import { formatLocale } from '../../ui/i18n/i18n';
import type { DemoState, DemoStepView, SimulationDemo } from './controls';

type DemoCommand = 'toggle' | 'step' | 'restart';

/** The keys as aria-keyshortcuts names them (a token for assistive technology, not prose). */
const PLAY_KEYS = 'Alt+Shift+P';
const STEP_KEYS = 'Alt+Shift+N';
const RESTART_KEYS = 'Alt+Shift+R';

/** Input types where a key types a character (not a checkbox, a radio, a range or a button). */
const TYPED_INPUTS = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

/** Focus is where a key types: the composer, a text field, an editable element. */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return TYPED_INPUTS.has(target.getAttribute('type')?.toLowerCase() ?? '');
  // `isContentEditable` for browsers; the attribute for what does not compute it (jsdom).
  return (target as HTMLElement).isContentEditable === true || target.closest('[contenteditable]:not([contenteditable="false"])') !== null;
}

/**
 * The demo's keys, by key position (`event.code`) like the panel's Alt+Shift+S, so they work whatever
 * Alt+Shift does to the letter on a layout: Alt+Shift+P play or pause, Alt+Shift+N the next step,
 * Alt+Shift+R restart. Not a held key's repeats (held Alt+Shift+N would run through the demo, held
 * Alt+Shift+R reload again and again), not while an input method composes, and not where focus types
 * text: on macOS Option+Shift+P, N and R type ∏, ˜ and ‰ there.
 */
export function demoShortcut(
  event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code' | 'repeat' | 'isComposing' | 'target'>,
): DemoCommand | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  const command = event.code === 'KeyP' ? 'toggle' : event.code === 'KeyN' ? 'step' : event.code === 'KeyR' ? 'restart' : null;
  if (!command || event.repeat || event.isComposing || typesText(event.target)) return null;
  return command;
}

export function useDemoState(demo: SimulationDemo): DemoState {
  const subscribe = useCallback((onChange: () => void) => demo.subscribe(onChange), [demo]);
  return useSyncExternalStore(subscribe, () => demo.getState());
}

const number = (value: number) => new Intl.NumberFormat(formatLocale()).format(value);

/** "Step 3 of 11": how many steps are done. */
function progressText({ done, total }: DemoState): string {
  const step = number(done);
  const steps = number(total);
  return t`Step ${step} of ${steps}`;
}

/** A step in words, as the presenter reads what comes next. */
export function describeStep(step: DemoStepView): string {
  switch (step.do) {
    case 'type': {
      const { who, in: conversation } = step;
      return step.typing ? t`${who} starts typing in ${conversation}` : t`${who} stops typing in ${conversation}`;
    }
    case 'send': {
      const { body, in: conversation } = step;
      if (step.who === null) return step.reply ? t`You reply “${body}” in ${conversation}` : t`You send “${body}” in ${conversation}`;
      const who = step.who;
      return step.reply ? t`${who} replies “${body}” in ${conversation}` : t`${who} sends “${body}” in ${conversation}`;
    }
    case 'react': {
      const { emoji, to: message } = step;
      if (step.who === null) return step.on ? t`You react ${emoji} to “${message}”` : t`You take back ${emoji} from “${message}”`;
      const who = step.who;
      return step.on ? t`${who} reacts ${emoji} to “${message}”` : t`${who} takes back ${emoji} from “${message}”`;
    }
    case 'read': {
      const { who, in: conversation } = step;
      return t`${who} reads ${conversation}`;
    }
    case 'network':
      return step.offline ? t`The network drops` : t`The network comes back`;
    case 'createGroup': {
      const title = step.title;
      if (step.who === null) return t`You create the group ${title}`;
      const who = step.who;
      return t`${who} creates the group ${title}`;
    }
    case 'open': {
      const conversation = step.in;
      return t`Open ${conversation}`;
    }
  }
}

/** A step the demo stopped at: the refusal in the reader's language, or that the app did not settle after it. */
function failureText(failure: NonNullable<DemoState['failure']>): string {
  const step = number(failure.step + 1);
  if (failure.kind === 'unsettled') return t`Step ${step} has not settled: something in the app is still loading.`;
  const reason = errorText(failure.error);
  return t`Step ${step} could not be done: ${reason}`;
}

/**
 * The demo's keys, and what they did said aloud: mounted with the panel's button, so they work and are
 * heard while the panel is closed (a presenter keeps it closed on a shared screen).
 */
export function DemoShortcuts({ demo }: { demo: SimulationDemo }) {
  const state = useDemoState(demo);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = demoShortcut(event);
      if (!command) return;
      event.preventDefault();
      void demo[command]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [demo]);
  // Said once a step has settled, not while it runs: "Step 3 of 11", why the demo stopped if it did
  // (else a screen reader would hear only "Paused"), then whether it plays on.
  const mode = state.playing ? t`Playing` : state.done >= state.total ? t`The demo is over.` : t`Paused`;
  const failure = state.failure && failureText(state.failure);
  return (
    <p className="sim-demo__announce" role="status">
      {!state.busy && [progressText(state), failure, mode].filter(Boolean).join(' ')}
    </p>
  );
}

/**
 * The panel's Demo section for `?demo=NAME`: play or pause, the next step, restart (a reload afresh),
 * how far it is and what comes next in words. `data-demo-step` (steps done) is for tests and tools.
 * A button that cannot act now is aria-disabled, not disabled, and ignores the press: a disabled
 * button loses focus, so every Step press (the step is under way at once) would drop a keyboard
 * user's focus to the page.
 */
export function DemoControls({ demo }: { demo: SimulationDemo }) {
  const state = useDemoState(demo);
  const headingId = useId();
  const finished = state.done >= state.total;
  const next = useMemo(() => (state.next ? describeStep(state.next) : null), [state.next]);
  const failure = state.failure && failureText(state.failure);
  const playOff = finished && !state.playing;
  // While playing, Step acts with a step under way (it pauses, then steps once that one has settled).
  const stepOff = finished || (state.busy && !state.playing);
  return (
    <section aria-labelledby={headingId} className="sim-panel__section sim-demo" data-demo-step={state.done}>
      <h3 id={headingId}>{t`Demo`}</h3>
      <p className="sim-demo__title">{demo.title}</p>
      <p className="sim-demo__progress">{progressText(state)}</p>
      <p className="sim-panel__note sim-demo__next">{next === null ? t`The demo is over.` : t`Next: ${next}`}</p>
      {failure && <p className="sim-demo__failure">{failure}</p>}
      <div className="sim-panel__buttons">
        <Button
          variant="primary"
          aria-keyshortcuts={PLAY_KEYS}
          title={t`Play or pause (Alt+Shift+P)`}
          aria-disabled={playOff || undefined}
          onClick={() => playOff || demo.toggle()}
        >
          {state.playing ? t`Pause` : t`Play`}
        </Button>
        <Button
          variant="secondary"
          aria-keyshortcuts={STEP_KEYS}
          title={t`The next step now (Alt+Shift+N)`}
          aria-disabled={stepOff || undefined}
          onClick={() => stepOff || void demo.step()}
        >
          {t`Step`}
        </Button>
        <Button variant="secondary" aria-keyshortcuts={RESTART_KEYS} title={t`From the start, afresh (Alt+Shift+R)`} onClick={() => demo.restart()}>
          {t`Restart`}
        </Button>
      </div>
    </section>
  );
}
