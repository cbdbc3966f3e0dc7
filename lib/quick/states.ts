// A service's three states as the quick-toggle page shows them — in the draft, in the last
// commit, on the running system — and the short phrase for when they differ. Pure: the page
// recomputes it in the browser while a toggle is being saved.

/** What a commit says about a service: its value, absent from that commit, or not known. */
export type StateWord = "on" | "off" | "not set" | "unknown";

export interface ServiceStates {
  /** enabled in the draft (the database). */
  draft: boolean;
  /** generated/services.nix at HEAD. */
  committed: StateWord;
  /** The commit of the last successful switch / test / rollback ("unknown": never deployed from here). */
  deployed: StateWord;
}

const word = (on: boolean) => (on ? "on" : "off");

/** on → true; off or absent (homey's modules default to off) → false; unknown → null. */
function isOn(state: StateWord): boolean | null {
  if (state === "unknown") return null;
  return state === "on";
}

/**
 * null when everything that is known agrees. Otherwise what an admin needs to hear, most
 * urgent first: the running system differs from the draft ("off in draft, still running"),
 * then the draft differs from the last commit.
 */
export function differencePhrase(states: ServiceStates): string | null {
  const { draft } = states;
  const running = isOn(states.deployed);
  const committed = isOn(states.committed);
  if (running !== null && running !== draft) {
    if (committed === draft) return draft ? "on in the last commit, not running yet" : "off in the last commit, still running";
    return draft ? "on in draft, not running yet" : "off in draft, still running";
  }
  if (committed !== null && committed !== draft) {
    return running === null ? `${word(draft)} in draft, not committed yet` : `${word(draft)} in draft and running, ${word(committed)} in the last commit`;
  }
  return null;
}
