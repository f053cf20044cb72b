/**
 * The simulated team: who they are and what they say. Plain data, so a
 * designer can change the demo's voice without touching the simulation.
 */

export interface Teammate {
  username: string;
  displayName: string;
  avatarColor: string;
  /** Lines for answering a message. */
  replies: readonly string[];
  /** Lines for greeting someone who just joined; `{name}` is their display name. */
  greeting: readonly string[];
}

export const DEMO_TEAM: readonly Teammate[] = [
  {
    username: 'maya',
    displayName: 'Maya Chen',
    avatarColor: '#a21caf',
    replies: ['Love it, ship it 💜', 'Can you send me a screenshot?', 'Hmm, the spacing feels a bit tight on mobile.', 'Let me check the Figma and get back to you.', 'Yes! That is exactly what I meant.'],
    greeting: ['Hi {name}, welcome aboard! 👋', 'I am Maya, I do product design. Ping me any time you need a second pair of eyes.'],
  },
  {
    username: 'leo',
    displayName: 'Leo Martins',
    avatarColor: '#0369a1',
    replies: ['On it.', 'Pushed a fix, can you pull and try again?', 'Works on my machine 😅 let me dig.', 'Good catch, thanks!', 'I will pair with you on that after lunch.'],
    greeting: ['Hey {name}! Leo here, frontend.', 'The dev setup guide is pinned in #eng. Shout if anything breaks.', 'Coffee later?'],
  },
  {
    username: 'priya',
    displayName: 'Priya Nair',
    avatarColor: '#047857',
    replies: ['Thanks for the update!', 'Let us discuss it in the standup tomorrow.', 'Sounds good to me.', 'Can you add that to the sprint board?', 'Great progress this week 🎉'],
    greeting: ['Welcome to the team, {name}! 🎉', 'I have put a short onboarding checklist in your inbox.', 'Let us do a quick 1:1 this week.'],
  },
  {
    username: 'sam',
    displayName: 'Sam Okafor',
    avatarColor: '#c2410c',
    replies: ['The API is deployed to staging.', 'Give me ten minutes.', 'Checking the logs now.', 'Yep, that endpoint is rate limited.', 'Should be fixed in the next release.'],
    greeting: ['Hi {name}, Sam from backend. Welcome!'],
  },
  {
    username: 'ines',
    displayName: 'Inês Duarte',
    avatarColor: '#be185d',
    replies: ['I can reproduce it, filing a ticket.', 'All green on my side ✅', 'Which browser was that?', 'Retested, looks fixed!', 'Let me write a test for that.'],
    greeting: ['Hello {name}! I am Inês, QA. Happy to have you here.'],
  },
  {
    username: 'jonas',
    displayName: 'Jonas Weber',
    avatarColor: '#4338ca',
    replies: ['Deploy is rolling out.', 'The pipeline is green again.', 'I will bump the instance size.', 'Restarted it, try now.', 'Monitoring looks calm.'],
    greeting: ['Welcome {name}! Jonas, infra. Your accounts should all be ready.'],
  },
  {
    username: 'aiko',
    displayName: 'Aiko Tanaka',
    avatarColor: '#0f766e',
    replies: ['Interesting, the numbers agree.', 'I will pull the data for that.', 'Dashboard updated 📈', 'Good question, let me check.', 'Retention is up this week!'],
    greeting: ['Hi {name}, welcome! Aiko from data here.'],
  },
];

/** The demo account anyone can sign in with (see README.md). */
export const DEMO_ACCOUNT = {
  username: 'demo',
  password: 'violet-demo',
  displayName: 'Alex Rivera',
  email: 'demo@violetchat.example',
  avatarColor: '#6d28d9',
} as const;

/** Who greets a newly registered user. */
export const WELCOMERS = ['priya', 'maya'] as const;

type Line = readonly [minutesAgo: number, from: 'me' | 'them', body: string];

export interface DemoConversation {
  with: string;
  messages: readonly Line[];
  /** Messages at the end the demo user has not read. */
  unread: number;
  /** How far the teammate got with the demo user's last messages. */
  theirs: 'sent' | 'delivered' | 'read';
}

const day = 24 * 60;

/** The demo account's history: several days, some unread, every tick state. */
export const DEMO_CONVERSATIONS: readonly DemoConversation[] = [
  {
    with: 'maya',
    unread: 2,
    theirs: 'read',
    messages: [
      [3 * day + 95, 'them', 'Morning! Did you get a chance to look at the new chat mockups?'],
      [3 * day + 80, 'me', 'Just opened them. The violet header is gorgeous.'],
      [3 * day + 78, 'them', 'Right?! I was worried it was too much.'],
      [2 * day + 300, 'me', 'One thing: the unread badge is hard to spot on the white list.'],
      [2 * day + 290, 'them', 'Good point, I will try a filled pill.'],
      [day + 40, 'me', 'The filled pill works much better 👌'],
      [day + 35, 'them', 'Thanks! Moving on to the empty states.'],
      [14, 'them', 'Quick one: should "last seen" show minutes or a time?'],
      [12, 'them', 'I am leaning to "5 min ago" under an hour, the time after that.'],
    ],
  },
  {
    with: 'leo',
    unread: 0,
    theirs: 'read',
    messages: [
      [2 * day + 200, 'them', 'The virtualized list landed on main.'],
      [2 * day + 190, 'me', 'Nice! Scrolling 10k messages is smooth now.'],
      [2 * day + 185, 'them', 'Memory stays flat too.'],
      [day + 500, 'me', 'Can you review my outbox PR when you have a minute?'],
      [day + 480, 'them', 'Done, left two small comments.'],
      [day + 470, 'me', 'Fixed both, thanks!'],
    ],
  },
  {
    with: 'priya',
    unread: 1,
    theirs: 'read',
    messages: [
      [day + 120, 'them', 'How is the offline mode going?'],
      [day + 110, 'me', 'Messages queue up and send when the network is back.'],
      [day + 100, 'them', 'Perfect. Let us demo it on Friday.'],
      [45, 'them', 'Reminder: retro at 4pm today 🗓️'],
    ],
  },
  {
    with: 'sam',
    unread: 0,
    theirs: 'delivered',
    messages: [
      [4 * day + 60, 'them', 'Catch-up endpoint is live on staging.'],
      [4 * day + 30, 'me', 'Works great, the cursor resumes exactly where it stopped.'],
      [3 * day + 200, 'them', 'Next up: read receipts.'],
      [90, 'me', 'Do receipts go over the same event stream?'],
    ],
  },
  {
    with: 'ines',
    unread: 0,
    theirs: 'sent',
    messages: [
      [6 * 60, 'them', 'Found a bug: a 10 MB paste freezes the composer.'],
      [5 * 60, 'me', 'Good find! We now reject it with a clear message.'],
      [20, 'me', 'Could you retest when you are back?'],
    ],
  },
];

/** How long ago each teammate was last seen (minutes), for an offline one's "last seen". */
export const LAST_SEEN_MINUTES_AGO: Readonly<Record<string, number>> = {
  maya: 3,
  leo: 25,
  priya: 8,
  sam: 2 * 60,
  ines: 5 * 60,
  jonas: day + 3 * 60,
  aiko: 40,
};

type GroupLine = readonly [minutesAgo: number, from: string, body: string];

/** A group the demo account is in, with its history. */
export interface DemoGroup {
  title: string;
  visibility: 'public' | 'private';
  /** Who made it (and owns it): 'me' or a teammate's username. */
  owner: string;
  /** The teammates in it besides the owner, or 'everyone' for the whole team; the demo account is in every one. */
  members: 'everyone' | readonly string[];
  createdMinutesAgo: number;
  /** [minutes ago, 'me' or a username, body]. */
  messages: readonly GroupLine[];
  /** Messages at the end the demo user has not read. */
  unread: number;
  /** Teammates who have every message but have not read the last one; the others have read it all. */
  notYetRead?: readonly string[];
  /** What its teammates say in it now and then while the demo runs: [username, body]. */
  chatter: readonly (readonly [username: string, body: string])[];
}

/** The demo team's groups: a public #general with everyone, a private design group, a launch channel. */
export const DEMO_GROUPS: readonly DemoGroup[] = [
  {
    title: 'general',
    visibility: 'public',
    owner: 'maya',
    members: 'everyone',
    createdMinutesAgo: 30 * day,
    unread: 3,
    messages: [
      [180, 'maya', 'Morning all ☀️ standup notes are in the doc'],
      [176, 'jonas', 'Thanks! Deploy window is 3 pm today'],
      [171, 'me', 'I will keep an eye on the dashboards'],
      [95, 'priya', 'Lunch order closes in 10 minutes 🍜'],
      [93, 'sam', 'Count me in'],
      [92, 'aiko', 'Same here'],
      [31, 'ines', 'Reminder: retro moved to Friday'],
      [12, 'leo', 'Who has the projector adapter?'],
      [9, 'maya', 'It is in the drawer by the window'],
      [4, 'leo', 'Found it, thanks!'],
    ],
    chatter: [
      ['priya', 'Friendly reminder to fill in the team survey 📋'],
      ['sam', 'Anyone up for a coffee run? ☕'],
      ['jonas', 'Heads up: the VPN restarts at 6 pm'],
      ['ines', 'The release candidate passed all checks ✅'],
      ['aiko', 'Weekly numbers are in the dashboard'],
      ['leo', 'Pizza in the kitchen, first come first served 🍕'],
      ['maya', 'New office plants arrived 🌱'],
    ],
  },
  {
    title: 'Design crit',
    visibility: 'private',
    owner: 'me',
    members: ['maya', 'leo', 'aiko'],
    createdMinutesAgo: 7 * day,
    unread: 0,
    notYetRead: ['aiko'],
    messages: [
      [300, 'maya', 'New empty-state illustrations are up for review'],
      [290, 'aiko', 'Love the violet gradient on the onboarding one'],
      [280, 'leo', 'Can we try a version without the border?'],
      [60, 'maya', 'Updated: borderless variant in the second frame'],
      [20, 'me', 'Both read well. Let us ship the borderless one'],
    ],
    chatter: [
      ['maya', 'Dropped two icon options in the file, thoughts?'],
      ['aiko', 'The dark theme contrast checks out'],
      ['leo', 'Implemented the new button states, take a look'],
    ],
  },
  {
    title: 'Launch',
    visibility: 'public',
    owner: 'priya',
    members: ['sam', 'jonas'],
    createdMinutesAgo: 3 * day,
    unread: 0,
    messages: [
      [400, 'priya', 'Launch checklist is pinned in the doc 🚀'],
      [380, 'sam', 'Press kit is ready'],
      [120, 'jonas', 'Status page is green, release notes drafted'],
      [45, 'me', 'Marketing site copy approved'],
    ],
    chatter: [
      ['jonas', 'Load test passed at twice the expected traffic'],
      ['sam', 'Launch blog post is scheduled'],
      ['priya', 'T-minus two days, how are we looking?'],
    ],
  },
];

/** The teammates in a demo group, owner first (the demo account not included). */
export function demoGroupTeammates(group: DemoGroup): string[] {
  const others = group.members === 'everyone' ? DEMO_TEAM.map((t) => t.username) : group.members;
  return [...new Set([group.owner, ...others])].filter((username) => username !== 'me');
}
