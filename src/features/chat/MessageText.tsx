import { useMemo } from 'react';
import { linkify } from '../../ui/format/linkify';

/** Message text as text (React escapes it, never HTML), with web addresses made into safe links. */
export function MessageText({ body }: { body: string }) {
  const segments = useMemo(() => linkify(body), [body]);
  return (
    <>
      {segments.map((segment, index) =>
        segment.kind === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
