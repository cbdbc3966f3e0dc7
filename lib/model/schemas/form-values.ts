/** What an editor form starts from: the schema's output, a number may be blank in a new form. */
export type FormValues<T> = { [K in keyof T]: T[K] extends number ? number | "" : T[K] } & { version?: number };
