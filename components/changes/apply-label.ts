/** The Apply button's words, at the top of the Changes page and in the Apply form alike. */
export function applyLabel(pushesTo?: string): string {
  return pushesTo ? "Apply: commit and push" : "Apply: commit";
}
