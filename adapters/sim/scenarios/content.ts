/** Words for the generated scenarios: plain data, so the voice can change without touching the builders. */

/** The rest of a 25-person team (the seven of the demo team come first). */
export const EXTRA_TEAMMATES: readonly (readonly [username: string, displayName: string, avatarColor: string])[] = [
  ['noah', 'Noah Fischer', '#7c3aed'],
  ['lucia', 'Lucía Romero', '#b91c1c'],
  ['omar', 'Omar Haddad', '#0e7490'],
  ['zoe', 'Zoë Laurent', '#9d174d'],
  ['kenji', 'Kenji Mori', '#1d4ed8'],
  ['amara', 'Amara Obi', '#15803d'],
  ['felix', 'Felix Braun', '#a16207'],
  ['sofia', 'Sofia Rossi', '#be123c'],
  ['mateo', 'Mateo Silva', '#4d7c0f'],
  ['hana', 'Hana Kim', '#6d28d9'],
  ['ravi', 'Ravi Patel', '#0369a1'],
  ['elena', 'Elena Petrova', '#c026d3'],
  ['tom', 'Tom Becker', '#b45309'],
  ['chloe', 'Chloé Martin', '#0f766e'],
  ['yusuf', 'Yusuf Demir', '#9333ea'],
  ['ingrid', 'Ingrid Larsen', '#0284c7'],
  ['diego', 'Diego Torres', '#c2410c'],
  ['mei', 'Mei Lin', '#db2777'],
];

/** People outside the team the demo account also talks to. */
export const GUESTS: readonly (readonly [username: string, displayName: string, avatarColor: string])[] = [
  ['carla.acme', 'Carla Mendes (Acme)', '#475569'],
  ['peter.acme', 'Peter Novak (Acme)', '#57534e'],
  ['julia.studio', 'Julia Berg (Studio North)', '#4b5563'],
  ['ahmed.partner', 'Ahmed Saleh (Partner)', '#52525b'],
  ['lena.freelance', 'Lena Vogel (Freelance)', '#64748b'],
];

export const SMALL_TALK: readonly string[] = [
  'Morning! How is it going?',
  'Can we move our 1:1 to Thursday?',
  'The build is green again 🎉',
  'I left a few comments on the doc.',
  'Thanks, that helps a lot!',
  'Do you have five minutes for a quick call?',
  'Shipping the release notes after lunch.',
  'Let me check and get back to you.',
  'Looks good to me 👍',
  'Could you take a look at the latest mockups?',
  'I am out tomorrow, Priya covers for me.',
  'The numbers from last week are in the dashboard.',
  'Nice work on the demo yesterday!',
  'Where did we land on the pricing page?',
  'I pushed a fix for the flaky test.',
  'Coffee at 3?',
  'Sending the invoice today.',
  'Any update on the contract?',
  'Great, see you at the standup.',
  'Can you share the staging link again?',
];

/** A 4,000-character message: the longest a message may be. */
export function longestMessage(max: number): string {
  const paragraph =
    'Here is the full write-up of the onboarding research, as promised. We talked to twelve teams of different sizes, from a four-person studio to a support floor of two hundred, and watched how they start using a new messenger in their first week. ';
  let text = '';
  while (text.length < max) text += paragraph;
  return text.slice(0, max - 1).trimEnd().padEnd(max - 1, '.') + '.';
}

export const LONG_CONTENT_LINES: readonly (readonly ['me' | 'them', string])[] = [
  ['them', 'Testing the edge cases for the layout review 🧪'],
  ['them', 'Pneumonoultramicroscopicsilicovolcanoconiosis_and_a_very_long_identifier_without_any_spaces_at_all_ThisShouldWrapInsideTheBubble'],
  ['me', 'Here is the link: https://violetchat.example/design/reviews/2026/03/onboarding-flow?variant=long-url-that-keeps-going&utm_source=designers&utm_medium=chat#section-4'],
  ['them', 'Emoji stress test: 👩‍💻👨‍👩‍👧‍👦🏳️‍🌈🇯🇵🎉💜🔥✅ and one more 🫶'],
  ['them', 'مرحبا! هل يمكنك مراجعة التصميم الجديد قبل الاجتماع غدا؟'],
  ['me', 'שלום! כן, אבדוק את זה היום אחר הצהריים.'],
  ['them', 'Mixed direction: the word "VioletChat" inside عربي text and back to English.'],
];
