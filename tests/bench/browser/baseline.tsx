/**
 * The bare React baseline for "send → painted": a list of 50 rows and a text
 * field that appends a row on Enter, nothing else (no store, no database, no
 * virtualization). The benchmark adds it to the app's own page, over the app,
 * and times it exactly as the app's send, so the app's figure reads as a ratio.
 */
import { useState, type KeyboardEvent } from 'react';
import { createRoot } from 'react-dom/client';

function Baseline() {
  const [rows, setRows] = useState(() => Array.from({ length: 50 }, (_, i) => `Row ${i + 1}`));
  const [text, setText] = useState('');
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || !text) return;
    setRows((current) => [...current, text]);
    setText('');
  };
  return (
    <div>
      <ul>
        {rows.map((row, i) => (
          <li key={i}>{row}</li>
        ))}
      </ul>
      <input aria-label="Baseline message" value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} />
    </div>
  );
}

const host = document.createElement('div');
host.id = 'bench-baseline';
host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#fff;font:14px sans-serif';
document.body.append(host);
createRoot(host).render(<Baseline />);
