import type { en } from './en';

/** Every translation has exactly the keys of the English one: the compiler checks it. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;
