import { onProjectChange } from '../../api/live';

const RELEVANT = /^(criterion|assessment|practice|action|code|literature|gap)\./;

/**
 * Calls `reload` (at most every 400 ms) when someone changes criteria, scores, practice records,
 * codes or literature, or undoes an action, so the matrices and the inventory summary stay current.
 * Returns the function that stops listening.
 */
export function refreshOnChanges(projectId: string, reload: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = onProjectChange(projectId, (event) => {
    if (!RELEVANT.test(event.type)) return;
    clearTimeout(timer);
    timer = setTimeout(reload, 400);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
