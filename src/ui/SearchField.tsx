import { useId } from 'react';
import { SearchIcon } from './icons';

export interface SearchFieldProps {
  /** The accessible name and the placeholder: "Search people". */
  label: string;
  value: string;
  onChange(value: string): void;
  onFocus?: () => void;
  className?: string;
}

/** A search box in a search landmark: a magnifier, a hidden label, the browser's clear button. */
export function SearchField({ label, value, onChange, onFocus, className }: SearchFieldProps) {
  const id = useId();
  return (
    <div className={['search', className].filter(Boolean).join(' ')} role="search">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <SearchIcon size={18} className="search__icon" />
      <input id={id} className="search__input" type="search" placeholder={label} autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} onFocus={onFocus} />
    </div>
  );
}
