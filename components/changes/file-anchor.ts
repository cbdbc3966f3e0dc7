/** The anchor of a generated file's diff on the Changes page, for the file list's jump links. */
export function fileAnchor(path: string): string {
  return `file-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}
