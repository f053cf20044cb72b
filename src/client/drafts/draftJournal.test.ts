// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { DraftJournal } from './draftJournal';

describe('DraftJournal', () => {
  beforeEach(() => sessionStorage.clear());
  const at = '2026-11-25T10:00:00.000Z';

  it('keeps the latest text per conversation until the database has it', () => {
    const journal = new DraftJournal(sessionStorage, 'ann');
    journal.write({ conversationId: 'c1', text: 'hel', updatedAt: at });
    journal.write({ conversationId: 'c1', text: 'hello', updatedAt: at });
    journal.write({ conversationId: 'c2', text: 'other', updatedAt: at });
    // A slower save of an older keystroke must not drop the newer text.
    journal.settle('c1', 'hel');
    expect(journal.pending().sort((a, b) => a.conversationId.localeCompare(b.conversationId))).toEqual([
      { conversationId: 'c1', text: 'hello', updatedAt: at },
      { conversationId: 'c2', text: 'other', updatedAt: at },
    ]);
    journal.settle('c1', 'hello');
    expect(journal.pending().map((d) => d.conversationId)).toEqual(['c2']);
  });

  it('keeps users apart and clears only its own user', () => {
    const ann = new DraftJournal(sessionStorage, 'ann');
    const ben = new DraftJournal(sessionStorage, 'ben');
    ann.write({ conversationId: 'c1', text: 'mine', updatedAt: at });
    ben.write({ conversationId: 'c1', text: 'his', updatedAt: at });
    ann.clear();
    expect(ann.pending()).toEqual([]);
    expect(ben.pending().map((d) => d.text)).toEqual(['his']);
  });

  it('ignores entries it cannot read', () => {
    sessionStorage.setItem('violetchat.draft.ann.c1', '{not json');
    sessionStorage.setItem('violetchat.draft.ann.c2', JSON.stringify({ conversationId: 'c2', text: 5 }));
    expect(new DraftJournal(sessionStorage, 'ann').pending()).toEqual([]);
  });
});
