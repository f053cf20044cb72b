import type { ReactNode } from 'react';

export interface QuoteProps {
  /** Whose words, or what the quote is for ("Editing message"); none when not known (the original is not on this device). */
  title: ReactNode | null;
  text: string;
  /** The words are not the original's own ("Original message was deleted", "Message"): said quieter, in italics. */
  missing?: boolean;
  /** The person's colour on the quote's edge (their avatar's); the violet accent when none. */
  accent?: string;
}

/** A quote in two lines, the name then the first line of the words: above a reply, and in the composer. */
export function Quote({ title, text, missing = false, accent }: QuoteProps) {
  return (
    <span className="quote" style={accent ? { borderInlineStartColor: accent } : undefined}>
      {title !== null && (
        <>
          <span className="quote__title">{title}</span>
          {/* Read as one sentence: "Replying to Maya: Lunch at noon?" */}
          <span className="visually-hidden">:</span>{' '}
        </>
      )}
      <span className={missing ? 'quote__text quote__text--missing' : 'quote__text'} dir="auto">
        {text}
      </span>
    </span>
  );
}
