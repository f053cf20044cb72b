import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useMemo, useState } from 'react';
import type { UserWithPresence } from '../client';
import { Avatar } from './Avatar';
import { SearchField } from './SearchField';
import { foldForSearch, personMatches } from './format/fold';

export interface PeoplePickerProps {
  /** Who can be picked (everyone but me, less those already in). */
  people: readonly UserWithPresence[];
  chosen: ReadonlySet<string>;
  onToggle(userId: string): void;
  /** The group's legend, e.g. "Members". */
  legend: string;
}

/**
 * People picked with search: a search field over a list of checkboxes (each a
 * person's name, so a screen reader says "Leo Park, checkbox, checked"), and
 * how many are chosen, announced politely.
 */
export function PeoplePicker({ people, chosen, onToggle, legend }: PeoplePickerProps) {
  const [query, setQuery] = useState('');
  const searched = query.trim();
  const folded = foldForSearch(searched);
  const count = chosen.size;
  const shown = useMemo(() => (folded ? people.filter((p) => personMatches(p, folded)) : people), [people, folded]);
  return (
    <fieldset className="people-picker">
      <legend>{legend}</legend>
      <SearchField label={t`Search people to add`} value={query} onChange={setQuery} className="people-picker__search" />
      <p className="people-picker__count" aria-live="polite">
        {count === 0 ? t`Nobody chosen yet` : plural(count, { one: '# person chosen', other: '# people chosen' })}
      </p>
      {shown.length === 0 ? (
        <p className="people-picker__empty">
          <Trans>Nobody matches “{searched}”.</Trans>
        </p>
      ) : (
        <ul className="people-picker__list">
          {shown.map((person) => (
            <li key={person.id}>
              <label className="people-picker__person">
                <input type="checkbox" checked={chosen.has(person.id)} onChange={() => onToggle(person.id)} />
                <Avatar name={person.displayName} color={person.avatarColor} size="xs" />
                <span className="people-picker__name">{person.displayName}</span>
                <span className="people-picker__username"><bdi>@{person.username}</bdi></span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
