import type { Route } from '../../app/router';

/** The screens that have a help page (`/help/<screen>`), in the order of the help index. */
export const HELP_SCREENS = ['projects', 'documents', 'reader', 'codes', 'search', 'queries', 'review', 'memos', 'literature', 'practices',
  'attributes', 'members', 'activity', 'exchange', 'settings', 'account', 'users'] as const;
export type HelpScreen = (typeof HELP_SCREENS)[number];

/** Which help page belongs to the screen of `route` (the projects list when none fits). */
export function helpScreenOf(route: Route): HelpScreen {
  if (route.name === 'project') {
    const tab = route.params.tab ?? 'documents';
    return (HELP_SCREENS as readonly string[]).includes(tab) ? (tab as HelpScreen) : 'documents';
  }
  if (route.name === 'document') return 'reader';
  if (route.name === 'help') return isHelpScreen(route.params.screen) ? route.params.screen : 'projects';
  if (route.name === 'account' || route.name === 'users') return route.name;
  return 'projects';
}

export const isHelpScreen = (name: string | undefined): name is HelpScreen => (HELP_SCREENS as readonly string[]).includes(name ?? '');

/** One keyboard shortcut: the keys (as shown) and the message key of what it does. */
export interface Shortcut {
  keys: string[];
  action: string;
}

/**
 * The real shortcuts of the interface, grouped as in the shortcut sheet (each one is handled by
 * a keydown handler: app shell, transcript-view, code-picker, history-controls, code-tree, queries-tab).
 */
export const SHORTCUTS: { group: string; items: Shortcut[] }[] = [
  { group: 'global', items: [
    { keys: ['?'], action: 'help' },
    { keys: ['Esc'], action: 'escape' },
    { keys: ['Tab'], action: 'skip' },
  ] },
  { group: 'reader', items: [
    { keys: ['Shift', '← → ↑ ↓'], action: 'select' },
    { keys: ['C'], action: 'code' },
    { keys: ['Enter'], action: 'code' },
    { keys: ['Alt', 'V'], action: 'inVivo' },
    { keys: ['Ctrl', 'Z'], action: 'undo' },
    { keys: ['Ctrl', 'Y'], action: 'redo' },
    { keys: ['Ctrl', 'Shift', 'Z'], action: 'redo' },
  ] },
  { group: 'picker', items: [
    { keys: ['a–z'], action: 'filter' },
    { keys: ['↑ / ↓'], action: 'move' },
    { keys: ['Enter'], action: 'apply' },
    { keys: ['1–9'], action: 'recent' },
    { keys: ['Alt', 'V'], action: 'inVivo' },
    { keys: ['Esc'], action: 'escape' },
  ] },
  { group: 'codebook', items: [
    { keys: ['↑ / ↓'], action: 'treeMove' },
    { keys: ['← / →'], action: 'treeOpen' },
    { keys: ['Home / End'], action: 'treeEnds' },
    { keys: ['Enter'], action: 'treeDetails' },
    { keys: ['Alt', '↑ ↓'], action: 'treeReorder' },
    { keys: ['Shift', 'F10'], action: 'treeMenu' },
  ] },
  { group: 'queries', items: [
    { keys: ['Ctrl', 'Enter'], action: 'runQuery' },
    { keys: ['Enter'], action: 'runSearch' },
  ] },
];

/** Whether a key press happens while typing (where `?` must stay a question mark). */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0] as HTMLElement | undefined;
  return !!target?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}
