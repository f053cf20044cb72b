import { allPeople } from './generate';
import { HANDLE, HANDLE_PATTERN, type ScenarioFile, scenarioFileSchema } from './scenarioFile';

export interface FileIssue {
  /** Where, like `conversations[1].messages[3].from`. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('') || '(the file)';
}

/** A group's members other than its owner: its list, or everyone in the file but the owner. */
export function groupMembers(group: NonNullable<ScenarioFile['conversations'][number]['group']>, handles: readonly string[]): string[] {
  return group.members === 'everyone' ? handles.filter((h) => h !== group.owner) : group.members;
}

/**
 * The handles and labels the file names exist, "me" is one person, replies point back, `open`,
 * `info`, typing and sends name conversations of mine, generated handles are usernames.
 */
export function checkReferences(file: ScenarioFile): FileIssue[] {
  const issues: FileIssue[] = [];
  const people = allPeople(file);
  const handles = new Set<string>();
  /** One problem per field: a generator's pattern makes many handles. */
  const reported = new Set<string>();
  for (const p of people) {
    const at = `${p.path}.handle`;
    const issue = p.path.startsWith('generate') && !HANDLE_PATTERN.test(p.handle)
      ? `a pattern that makes usernames (3 to 32 of a-z, 0-9, "_", "." and "-"); it makes "${p.handle}"`
      : handles.has(p.handle) ? `a handle of its own; "${p.handle}" is taken` : null;
    if (issue && !reported.has(at)) issues.push({ path: at, message: issue });
    if (issue) reported.add(at);
    handles.add(p.handle);
  }
  const handleList = people.map((p) => p.handle);
  const known = (value: string, path: string) => {
    if (!handles.has(value)) issues.push({ path, message: `${HANDLE}; "${value}" is not one of them` });
  };
  const me = file.people.filter((p) => p.me);
  if (me.length !== 1) issues.push({ path: 'people', message: `exactly one person with "me": true (found ${me.length})` });
  const meHandle = me[0]?.handle;

  /** Conversations I am in, by label and by direct peer, with their message labels. */
  const mine = new Map<string, Set<string>>();
  const labels = new Set<string>();
  file.conversations.forEach((c, ci) => {
    const at = `conversations[${ci}]`;
    if ((c.with === undefined) === (c.group === undefined)) issues.push({ path: at, message: 'either "with" (a direct conversation) or "group"' });
    const members = new Set<string>();
    if (c.with !== undefined) {
      known(c.with, `${at}.with`);
      if (c.with === meHandle) issues.push({ path: `${at}.with`, message: 'someone other than "me"' });
      members.add(c.with).add(meHandle ?? '');
    }
    if (c.group) {
      known(c.group.owner, `${at}.group.owner`);
      if (Array.isArray(c.group.members)) c.group.members.forEach((h, i) => known(h, `${at}.group.members[${i}]`));
      [c.group.owner, ...groupMembers(c.group, handleList)].forEach((h) => members.add(h));
    }
    if (c.label !== undefined) {
      if (labels.has(c.label) || handles.has(c.label)) issues.push({ path: `${at}.label`, message: `a label of its own; "${c.label}" is taken` });
      labels.add(c.label);
    }
    const member = (h: string, path: string) => {
      known(h, path);
      if (handles.has(h) && !members.has(h)) issues.push({ path, message: `a member of this conversation; "${h}" is not` });
    };
    const messageLabels = new Set<string>();
    c.messages.forEach((item, mi) => {
      const mat = `${at}.messages[${mi}]`;
      if ('history' in item) {
        item.history.from.forEach((h, i) => member(h, `${mat}.history.from[${i}]`));
        if (item.history.fromMinutesAgo < item.history.toMinutesAgo) issues.push({ path: `${mat}.history.toMinutesAgo`, message: `a time after "fromMinutesAgo" (fewer minutes ago than ${item.history.fromMinutesAgo})` });
        return;
      }
      member(item.from, `${mat}.from`);
      if (item.replyTo !== undefined && !messageLabels.has(item.replyTo)) issues.push({ path: `${mat}.replyTo`, message: `the label of an earlier message in this conversation; "${item.replyTo}" is not` });
      for (const [emoji, who] of Object.entries(item.reactions ?? {})) who.forEach((h, i) => known(h, `${mat}.reactions.${emoji}[${i}]`));
      if (item.label !== undefined) messageLabels.add(item.label);
    });
    for (const h of Object.keys(c.read ?? {})) member(h, `${at}.read.${h}`);
    if (meHandle && members.has(meHandle)) {
      if (c.label !== undefined) mine.set(c.label, messageLabels);
      if (c.with !== undefined) mine.set(c.with, messageLabels);
    }
  });
  (file.generate ?? []).forEach((g, gi) => {
    if (g.kind !== 'directs') return;
    if (g.messages.min > g.messages.max) issues.push({ path: `generate[${gi}].messages.max`, message: `${g.messages.min} or more (not below "min")` });
    const peers = g.with === 'everyone-but-me' ? handleList.filter((h) => h !== meHandle) : g.with;
    if (Array.isArray(g.with)) g.with.forEach((h, i) => known(h, `generate[${gi}].with[${i}]`));
    for (const peer of peers) {
      if (peer === meHandle) issues.push({ path: `generate[${gi}].with`, message: 'people other than "me"' });
      else if (mine.has(peer)) issues.push({ path: `generate[${gi}].with`, message: `people I have no conversation with yet; there is one with "${peer}"` });
      else mine.set(peer, new Set());
    }
  });
  const conversation = (ref: string, path: string) => {
    if (!mine.has(ref)) issues.push({ path, message: `a conversation of mine: its label or the direct peer's handle; "${ref}" is neither` });
  };
  (file.online ?? []).forEach((h, i) => known(h, `online[${i}]`));
  (file.typing ?? []).forEach((t, i) => {
    known(t.who, `typing[${i}].who`);
    conversation(t.in, `typing[${i}].in`);
  });
  (file.onStart ?? []).forEach((a, i) => {
    if (a.do === 'send') conversation(a.in, `onStart[${i}].in`);
  });
  if (file.open !== undefined) conversation(file.open, 'open');
  if (file.info !== undefined) {
    if (file.open === undefined) issues.push({ path: 'info', message: 'an "open" conversation for it to be in' });
    else if (mine.has(file.open) && !mine.get(file.open)!.has(file.info)) issues.push({ path: 'info', message: `the label of a message in the open conversation; "${file.info}" is not` });
  }
  return issues;
}

export type ParsedFile = { ok: true; file: ScenarioFile } | { ok: false; issues: FileIssue[] };

/** zod's check, then the references: every problem as `{path, message}`. */
export function parseScenarioFile(json: unknown): ParsedFile {
  const parsed = scenarioFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap((i) => issuesOf(i, json)) };
  const issues = checkReferences(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, file: parsed.data };
}

interface RawIssue {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: RawIssue[][];
}

/**
 * A message item is a message or a `{"history": …}`: zod reports a bad one as matching neither, so
 * the problems shown are those of the kind the item meant to be (it has "history", or it has not),
 * with their own paths.
 */
function issuesOf(issue: RawIssue, json: unknown, prefix: PropertyKey[] = []): FileIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors?.length === 2 && path.at(-2) === 'messages') {
    const item = path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), json);
    const branch = typeof item === 'object' && item !== null && 'history' in item ? 1 : 0;
    return issue.errors[branch]!.flatMap((inner) => issuesOf(inner, json, path));
  }
  return [{ path: formatPath(path), message: issue.message }];
}
