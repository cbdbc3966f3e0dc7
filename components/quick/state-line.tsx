// A service's three states in words — draft, committed, deployed — and, when they differ,
// the phrase that says what it means ("off in draft, still running"). No hooks: the row
// renders it with the optimistic draft value while a toggle is saved.
import { differencePhrase, type ServiceStates, type StateWord } from "@/lib/quick/states";

const WORD_TONE: Record<StateWord, string> = {
  on: "text-emerald-800 dark:text-emerald-300",
  off: "text-slate-700 dark:text-slate-300",
  "not set": "text-slate-600 dark:text-slate-400",
  unknown: "text-slate-600 dark:text-slate-400",
};

function Word({ label, value }: { label: string; value: StateWord }) {
  return (
    <span className="whitespace-nowrap">
      {label} <span className={`font-semibold ${WORD_TONE[value]}`}>{value}</span>
    </span>
  );
}

/**
 * Where the three agree, the words are for screen readers only (the switch already shows it):
 * a phone row stays one line, and the words appear where there is something to say.
 */
export function StateLine({ id, states }: { id: string; states: ServiceStates }) {
  const phrase = differencePhrase(states);
  return (
    <div id={id} className={phrase ? "text-xs sm:text-sm" : "sr-only"} data-testid="service-state-line" data-differs={phrase ? "yes" : "no"}>
      <p className="flex flex-wrap gap-x-2 text-slate-600 dark:text-slate-400" data-testid="service-states">
        <Word label="draft" value={states.draft ? "on" : "off"} />
        <span aria-hidden="true">·</span>
        <Word label="committed" value={states.committed} />
        <span aria-hidden="true">·</span>
        <Word label="deployed" value={states.deployed} />
      </p>
      {phrase && (
        <p className="font-medium text-amber-800 dark:text-amber-300" data-testid="service-difference">
          {phrase}
        </p>
      )}
    </div>
  );
}
