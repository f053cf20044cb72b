/** The VioletChat mark: a speech bubble in a violet gradient. Decorative; the wordmark beside it is the text. */
export function Logo({ size = 36 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="vc-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#8b5cf6" />
          <stop offset="1" stopColor="#5b21b6" />
        </linearGradient>
      </defs>
      <rect width="40" height="40" rx="12" fill="url(#vc-logo)" />
      <path d="M11 13.5A3.5 3.5 0 0 1 14.5 10h11a3.5 3.5 0 0 1 3.5 3.5v8a3.5 3.5 0 0 1-3.5 3.5H18l-5 4v-4.2A3.5 3.5 0 0 1 11 21.5v-8Z" fill="#fff" />
      <circle cx="16" cy="17.5" r="1.6" fill="#6d28d9" />
      <circle cx="20" cy="17.5" r="1.6" fill="#6d28d9" />
      <circle cx="24" cy="17.5" r="1.6" fill="#6d28d9" />
    </svg>
  );
}
