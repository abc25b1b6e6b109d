/**
 * Types of the message catalogs: keys are the dotted paths of the English catalog (plural forms named once,
 * without their `_one`/`_other` suffix), and each key's variables are read off its English text.
 */
import type enUS from './locales/en-US.js';

type English = typeof enUS;

type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** What every other locale's catalog must look like: the English keys, any text; plural forms a language does not use may be left out. */
export type Catalog<T = English> = {
  readonly [K in keyof T as K extends `${string}_${Exclude<PluralCategory, 'other'>}` ? never : K]: T[K] extends string
    ? string
    : Catalog<T[K]>;
} & {
  readonly [K in keyof T as K extends `${string}_${Exclude<PluralCategory, 'other'>}` ? K : never]?: string;
};

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type WithoutPlural<K extends string> = K extends `${infer B}_${PluralCategory}` ? B : K;

/** Every message of the catalogs, e.g. `digest.header`. */
export type MessageKey = WithoutPlural<Leaves<English>>;

type At<T, K extends string> = K extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? At<T[H], R>
    : never
  : K extends keyof T
    ? T[K]
    : never;

type Texts<K extends string> = At<English, K> | At<English, `${K}_one`> | At<English, `${K}_other`>;

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
type NameOf<V extends string> = V extends `${infer N},${string}` ? Trim<N> : Trim<V>;
type Placeholders<S> = S extends `${string}{{${infer V}}}${infer R}` ? NameOf<V> | Placeholders<R> : never;

type IsPlural<K extends string> = [At<English, `${K}_other`>] extends [never] ? false : true;

/** The variables a message takes: its placeholders, and `count` for a message with plural forms. */
export type MessageVars<K extends MessageKey> = {
  [V in Placeholders<Texts<K>>]: string | number;
} & (IsPlural<K> extends true ? { count: number } : unknown);

/** The arguments after the key: none for a message without variables, else its variables. */
export type VarsArg<K extends MessageKey> = [Placeholders<Texts<K>>] extends [never]
  ? IsPlural<K> extends true
    ? [vars: { count: number }]
    : []
  : [vars: MessageVars<K>];

/** A catalog lookup in one locale. */
export type Translate = <K extends MessageKey>(key: K, ...vars: VarsArg<K>) => string;
