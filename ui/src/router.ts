// Navigation. Screens register their entry functions here and move between
// each other only through `go`, so no screen imports another. The router
// also knows the two pages that hold an unfinished step in the core (the
// registration's Confirm page and the cancellation's confirm page): leaving
// either, by any way, tells the core to forget it.
import type { LabelKey } from "./i18n";
import { api, type NextStep, type RegisteredUser, type UiError } from "./ipc";

/** What was typed on the registration form, kept when coming Back from Confirm (never passwords or the code). */
export interface TypedRegistration {
  basicUserId: string;
  participantId: string;
  ssaNumber: string;
  internetUserId: string;
}

/** Every screen and what it needs to open. */
export interface Routes {
  welcome: { flash?: UiError };
  register: { typed?: TypedRegistration; flash?: UiError };
  confirm: { pending: RegisteredUser; typed: TypedRegistration };
  done: { user: RegisteredUser };
  forgot: Record<string, never>;
  cancel: { flash?: UiError };
  "cancel-confirm": { internetUserId: string };
  "what-is-ssa": Record<string, never>;
  faq: Record<string, never>;
  "after-login": { next: NextStep; basicUserId?: string };
  home: Record<string, never>;
  message: { id: number };
  // `focus`: the id that takes focus once the results are drawn (after a
  // page change, a date picked or a form sent), so a keyboard user is not
  // sent back to the top.
  holdings: { date?: string; withZero?: boolean; focus?: string };
  movements: { from?: string; to?: string; stock?: string; page?: number; newOnly?: boolean; focus?: string };
  daily: { month?: string; date?: string; focus?: string };
  monthly: { month?: string; focus?: string };
  stock: { code: string; name: string; from?: string; to?: string; focus?: string };
  "change-basic": { forced: boolean };
  "change-internet": { forced: boolean };
  "system-message": { titleKey: LabelKey; textKey: LabelKey; onContinue: () => void };
}

export type Route = keyof Routes;
type Entry<K extends Route> = (args: Routes[K]) => void | Promise<void>;

const entries: { [K in Route]?: Entry<K> } = {};
/** Pages whose unfinished step lives in the core until confirmed. */
const PENDING: ReadonlySet<Route> = new Set<Route>(["confirm", "cancel-confirm"]);

let here: Route | null = null;
let visit = 0;
let onFailure: (e: unknown) => void = () => undefined;

/** A screen makes itself reachable. */
export function route<K extends Route>(name: K, entry: Entry<K>): void {
  (entries as Record<K, Entry<K>>)[name] = entry;
}

/** What to do when a screen cannot open (e.g. its verification code failed to load). */
export function whenEntryFails(handler: (e: unknown) => void): void {
  onFailure = handler;
}

/** Where the window is now (null before the first screen, e.g. on the start-up error). */
export function currentRoute(): Route | null {
  return here;
}

/**
 * A token for this visit: an entry that waits (for a code, for data) checks
 * `stillOn(token)` before it paints, so a late answer never covers a newer screen.
 */
export function visitToken(): number {
  return visit;
}

export function stillOn(token: number): boolean {
  return token === visit;
}

type Args<K extends Route> = Record<string, never> extends Routes[K] ? [args?: Routes[K]] : [args: Routes[K]];

export function go<K extends Route>(name: K, ...rest: Args<K>): void {
  const args = (rest[0] ?? {}) as Routes[K];
  const from = here;
  if (from && PENDING.has(from) && from !== name) void api.abandonUnfinished().catch(() => undefined);
  here = name;
  visit += 1;
  const entry = entries[name] as Entry<K> | undefined;
  if (!entry) throw new Error(`no screen for ${name}`);
  try {
    const result = entry(args);
    if (result instanceof Promise) result.catch((e: unknown) => onFailure(e));
  } catch (e) {
    onFailure(e);
  }
}
