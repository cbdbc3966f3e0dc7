/** A posted form's own fields as strings; React's `$ACTION…` bookkeeping fields left out. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  formData.forEach((v, k) => {
    if (!k.startsWith("$") && typeof v === "string") values[k] = v;
  });
  return values;
}
