/** Where a user is in the guided tour; kept per user in localStorage (`socprev.tour.<userId>`). */
export interface TourState {
  status: 'active' | 'dismissed' | 'done';
  step: number;
  projectId?: string;
}

export const TOUR_STEPS = ['import', 'code', 'search', 'review'] as const;

const key = (userId: string) => `socprev.tour.${userId}`;

/** The user's tour state, or null when they never started (or dismissed) it. */
export function readTour(userId: string): TourState | null {
  try {
    const value = JSON.parse(localStorage.getItem(key(userId)) ?? 'null') as TourState | null;
    return value && typeof value.step === 'number' ? { ...value, step: Math.max(0, Math.min(TOUR_STEPS.length - 1, value.step)) } : null;
  } catch {
    return null;
  }
}

/** Saves the user's tour state (private browsing without storage: the tour still works, unsaved). */
export function writeTour(userId: string, state: TourState) {
  try {
    localStorage.setItem(key(userId), JSON.stringify(state));
  } catch {
    /* storage unavailable */
  }
  window.dispatchEvent(new CustomEvent('socprev-tour-changed'));
}

/** Starts the tour at its first step for this user. */
export const startTour = (userId: string, projectId?: string) => writeTour(userId, { status: 'active', step: 0, projectId });
