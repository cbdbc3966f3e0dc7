// One error type for everything in lib/nix, with a code the app maps to a UI message.

export type NixErrorCode =
  | "NIX_VALUE_INVALID" // a value the serializer cannot write (NUL, NaN, lone surrogate)
  | "TEMPLATE_INVALID" // a placeholder without a value, or a value without a placeholder
  | "RENDER_INVALID" // a snapshot the renderer refuses (e.g. duplicate attribute names)
  | "NIX_UNAVAILABLE" // nix-instantiate is not on PATH
  | "NIX_EVAL_FAILED" // nix-instantiate --eval exited non-zero
  | "IMPORT_INVALID"; // evaluated values do not have the shape the templates produce

export class NixError extends Error {
  override name = "NixError";

  constructor(
    readonly code: NixErrorCode,
    message: string,
  ) {
    super(message);
  }
}
