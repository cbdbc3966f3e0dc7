// Terminal escapes never reach the UI as text: Nix colours its messages and builders
// print whatever they like. Pure.

/* eslint-disable no-control-regex -- matching control characters is this module's job */
// CSI (colours, cursor moves), OSC (titles, hyperlinks) and the remaining two-byte escapes.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
// Other C0 controls except tab; a stray ESC left over from a cut sequence goes too.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/;
// One pass: an escape where one starts, else a lone control (one string allocated per line, not two).
const ESCAPES_OR_CONTROLS = new RegExp(`${ESCAPES.source}|${CONTROLS.source}`, "g");

export function stripAnsi(text: string): string {
  // Every escape starts with ESC, itself a control: most lines have none and are returned as they are.
  if (!CONTROLS.test(text)) return text;
  return text.replace(ESCAPES_OR_CONTROLS, "");
}
