import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../transport';
import { activateLocale } from '../../ui/i18n/i18n';
import { ExportScenario } from './ExportScenario';

afterEach(async () => {
  vi.restoreAllMocks();
  await activateLocale('en');
});

/** What the button saved: the link it clicked (its file name) and the file's text. */
function captureDownloads() {
  const saved: { fileName: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ fileName: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

describe('ExportScenario', () => {
  it('downloads the file the sim writes, and says so', async () => {
    const saved = captureDownloads();
    const text = '{ "title": "Exported scenario" }\n';
    render(<ExportScenario controls={{ exportScenario: async () => ({ fileName: 'scenario-2026-03-12-1430.json', text }) }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export scenario' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Downloaded scenario-2026-03-12-1430.json. Put it in public/scenarios/ to open it as a scenario.');
    expect(saved.map((s) => s.fileName)).toEqual(['scenario-2026-03-12-1430.json']);
    expect(saved[0]!.blob.type).toBe('application/json');
    expect(await saved[0]!.blob.text()).toBe(text);
  });

  it('says why when there is nothing to export', async () => {
    const saved = captureDownloads();
    render(
      <ExportScenario
        controls={{ exportScenario: () => Promise.reject(new ChatError('UNAUTHENTICATED', 'Sign in first: an exported scenario is what the person signed in sees.')) }}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export scenario' }));
    expect(await screen.findByText('Sign in first: an exported scenario is what the person signed in sees.')).toHaveAttribute('role', 'status');
    expect(saved).toEqual([]);
  });

  it('speaks German with ?lang=de', async () => {
    captureDownloads();
    await activateLocale('de');
    render(<ExportScenario controls={{ exportScenario: async () => ({ fileName: 'scenario.json', text: '{}' }) }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Szenario exportieren' }));
    expect(await screen.findByRole('status')).toHaveTextContent('scenario.json heruntergeladen.');
  });
});
