// Deploy HEAD sends back the commit the admin saw; before deploying, the server says what is
// wrong with it if it is not HEAD. Pure: the caller looks the commit up in the repo.

export interface HeadSummary {
  sha: string;
  shortSha: string;
  subject: string;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/** Shown short, and never more than a line of whatever the form sent. */
function shown(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 12 ? `${clean.slice(0, 12)}…` : clean;
}

/**
 * null when `submitted` is HEAD; otherwise why nothing is deployed. `submittedExists` says
 * whether the repo has that commit (only asked for a well-formed SHA).
 */
export function deployHeadProblem(head: HeadSummary, submitted: string, submittedExists: boolean): string | null {
  if (submitted === head.sha) return null;
  const now = `HEAD is ${head.shortSha} (“${head.subject}”)`;
  if (!FULL_SHA.test(submitted)) {
    return `“${shown(submitted)}” is not a commit: the form must send HEAD's full 40-character SHA. Nothing was deployed; ${now}. Reload the page and deploy from it.`;
  }
  if (!submittedExists) {
    return `Unknown commit ${submitted.slice(0, 12)}: it is not in the homey repo (was the repo reset or replaced?). Nothing was deployed; ${now}. Reload the page and check what you are deploying.`;
  }
  return `HEAD moved to ${head.shortSha} (“${head.subject}”) since this page was loaded. Nothing was deployed: reload and check what you are deploying.`;
}
