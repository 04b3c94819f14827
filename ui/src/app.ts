// The app's frame: the header every screen shares (title, language switch,
// HKEX link, the test-build banner), the current screen, the error display,
// and the idle watch. A language switch repaints the current screen in
// place, keeping what was typed.
import { h, painted } from "./dom";
import { setLabels, t, type LabelKey } from "./i18n";
import { api, isUiError, type AppInfo, type Language, type UiError } from "./ipc";
import { currentRoute, go, whenEntryFails } from "./router";

export let info: AppInfo;

type Render = () => HTMLElement;
let current: Render | null = null;
let shownError: UiError | null = null;
let onLanguageChange: (() => void) | null = null;

const LANGUAGES: [Language, LabelKey][] = [
  ["en", "lang-en"],
  ["zh-HK", "lang-zh-hk"],
  ["zh-CN", "lang-zh-cn"],
];

/** The page the app opened on: a kiosk goes back to it, fresh, after idle time. */
const START_URL = location.href;

/** Whether this is a branch kiosk. */
export function isKiosk(): boolean {
  return info?.kiosk ?? true;
}

/** Whether statements may be saved here (not on a kiosk, nor where the
 * branch's policy forbids it). */
export function exportsAllowed(): boolean {
  return info?.exports ?? false;
}

export async function start(): Promise<AppInfo> {
  info = await api.appInfo();
  setLabels(info);
  if (info.kiosk) lockKiosk();
  else zoomKeys();
  whenEntryFails((e) => {
    if (!(loggedIn && followSession(e))) showError(e);
  });
  if (!info.startupError) watchIdle();
  return info;
}

/** A kiosk's window offers nothing that leads out of the app: no context
 * menu (back, reload, inspect, save). Closing, resizing, zooming and
 * navigating away are refused by the shell (src-tauri/src/lib.rs). */
function lockKiosk(): void {
  document.addEventListener("contextmenu", (e) => e.preventDefault(), { capture: true });
}

/** Ctrl (Cmd on macOS) with `+`, `-` or `0` zooms the window between 100 %
 * and 200 %; the shell applies and remembers it (src-tauri/src/zoom.rs). */
function zoomKeys(): void {
  const steps: Record<string, "in" | "out" | "reset"> = { "+": "in", "=": "in", "-": "out", _: "out", "0": "reset" };
  window.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const step = steps[e.key];
    if (!step) return;
    e.preventDefault();
    void api.zoom(step);
  });
}

// ---------------------------------------------------------------------------
// Idle time. On every screen but Welcome, after `idleLimitSeconds` without
// input the visit ends: the core logs out any session and forgets unfinished
// steps, and the window goes back to Welcome. A kiosk instead reloads a fresh
// page, so no field keeps what the last investor typed and the WebView's
// history holds one entry; it does the same when someone leaves typed text in
// Welcome's login box. While logged in, the core is asked every 30 s whether
// the session is still alive (asking does not count as activity).

const TICK_MS = 1000;
const ALIVE_CHECK_MS = 30_000;
let lastInput = Date.now();
let lastAliveCheck = Date.now();
let loggedIn = false;
let ending = false;

/** Whether an investor is logged in: the logged-in screens set it, Welcome clears it. */
export function setLoggedIn(value: boolean): void {
  loggedIn = value;
  lastAliveCheck = Date.now();
}

function watchIdle(): void {
  for (const kind of ["keydown", "pointerdown", "input", "wheel"]) {
    window.addEventListener(kind, () => (lastInput = Date.now()), { capture: true, passive: true });
  }
  window.setInterval(() => void tick(), TICK_MS);
}

function welcomeHoldsTypedText(): boolean {
  return [...document.querySelectorAll<HTMLInputElement>("#screen input")].some((i) => !i.readOnly && i.value !== "");
}

async function tick(): Promise<void> {
  const where = currentRoute();
  if (ending || where === null) return;
  const now = Date.now();
  const idle = now - lastInput >= info.idleLimitSeconds * 1000;
  if (where === "welcome") {
    if (idle && info.kiosk && welcomeHoldsTypedText()) await endVisit(false);
    return;
  }
  if (idle) {
    await endVisit(loggedIn);
    return;
  }
  if (loggedIn && now - lastAliveCheck >= ALIVE_CHECK_MS) {
    lastAliveCheck = now;
    try {
      await api.sessionAlive();
    } catch (e) {
      if (isUiError(e) && e.code === "session-ended" && loggedIn) {
        setLoggedIn(false);
        go("welcome", { flash: e });
      }
    }
  }
}

/** How long a kiosk waits for the visit's end to be recorded before it
 * clears the screen anyway (a slow server must not keep the last
 * investor's screen up). */
const KIOSK_END_WAIT_MS = 1500;

async function endVisit(wasLoggedIn: boolean): Promise<void> {
  ending = true;
  try {
    const ended = api.endVisit().catch(() => undefined);
    if (info.kiosk) {
      await Promise.race([ended, new Promise((r) => setTimeout(r, KIOSK_END_WAIT_MS))]);
    } else {
      await ended;
    }
    setLoggedIn(false);
    if (info.kiosk) {
      // A fresh page: every field empty, one history entry.
      location.replace(START_URL);
      return;
    }
    lastInput = Date.now();
    const flash: UiError | undefined = wasLoggedIn
      ? { code: "session-ended", args: null, message: t("error-session-ended"), fields: [] }
      : undefined;
    go("welcome", { flash });
  } finally {
    if (!info.kiosk) ending = false;
  }
}

/**
 * What a logged-in screen does with a failure that is about the session:
 * `session-ended` goes to Welcome with its message; `not-allowed` means a
 * forced step is due, so it asks the core which and goes there. Answers
 * whether the error was handled.
 */
export function followSession(error: unknown): boolean {
  if (!isUiError(error)) return false;
  if (error.code === "session-ended") {
    setLoggedIn(false);
    go("welcome", { flash: error });
    return true;
  }
  if (error.code === "not-allowed") {
    api.sessionAlive().then(
      (next) => go("after-login", { next }),
      (e: unknown) => {
        setLoggedIn(false);
        go("welcome", { flash: isUiError(e) ? e : undefined });
      },
    );
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Painting.

/** Shows a new screen. `refresh` runs after a language switch (to fetch data again). */
export function show(render: Render, refresh?: () => void): void {
  current = render;
  shownError = null;
  onLanguageChange = refresh ?? null;
  paint(false);
}

function paint(keepInputs: boolean): void {
  if (!current) return;
  const root = document.getElementById("app")!;
  const typed = new Map<string, string>();
  if (keepInputs) {
    root.querySelectorAll<HTMLInputElement>("input").forEach((i) => typed.set(i.id, i.value));
  }
  root.replaceChildren(frame(current()));
  if (keepInputs) {
    root.querySelectorAll<HTMLInputElement>("input").forEach((i) => {
      const v = typed.get(i.id);
      if (v !== undefined && !i.readOnly) i.value = v;
    });
  } else {
    root.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }
  document.title = t("app-title");
}

async function switchLanguage(language: Language): Promise<void> {
  info = await api.setLanguage(language);
  setLabels(info);
  const error = shownError;
  paint(true);
  if (error && info.lastError) showError(info.lastError, false);
  onLanguageChange?.();
  await painted();
}

function frame(screen: HTMLElement): HTMLElement {
  const switcher = h(
    "nav",
    { class: "languages", "aria-label": t("language-label") },
    ...LANGUAGES.map(([code, key]) =>
      h(
        "button",
        {
          type: "button",
          class: "link",
          lang: code,
          id: `lang-${code}`,
          "aria-pressed": String(info.language === code),
          onclick: () => void switchLanguage(code),
        },
        t(key),
      ),
    ),
  );
  return h(
    "div",
    { class: "frame" },
    info.testBuild ? h("p", { id: "test-build-banner", class: "test-build", role: "note" }, t("test-build-banner")) : null,
    h(
      "header",
      { class: "top" },
      h("div", { class: "brand" }, h("h1", { id: "app-title" }, t("app-title")), h("p", {}, t("app-subtitle"))),
      h(
        "div",
        { class: "top-links" },
        switcher,
        // A kiosk opens no browser (the shell refuses it too).
        info.kiosk
          ? null
          : h("button", { type: "button", class: "link", onclick: () => void api.openHkexWebsite() }, t("link-hkex")),
      ),
    ),
    h("main", { id: "screen" }, screen),
  );
}

/**
 * Shows an error: the message at the top of the screen, each field's message
 * next to its field, and focus on the first field in error.
 */
export function showError(error: unknown, focus = true): void {
  const e: UiError = isUiError(error)
    ? error
    : { code: "internal", args: null, message: t("error-internal"), fields: [] };
  shownError = e;
  const root = document.getElementById("screen");
  if (!root) return;
  root.querySelectorAll(".field-error").forEach((el) => (el.textContent = ""));
  root.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  const banner = root.querySelector<HTMLElement>(".form-error");
  if (banner) {
    banner.textContent = e.message;
    banner.hidden = false;
  }
  let first: HTMLElement | null = null;
  for (const f of e.fields) {
    const slot = root.querySelector<HTMLElement>(`#err-${f.field}`);
    const input = root.querySelector<HTMLElement>(`#${f.field}`);
    if (slot) slot.textContent = f.message;
    if (input) {
      input.setAttribute("aria-invalid", "true");
      first ??= input;
    }
  }
  if (focus) (first ?? banner)?.focus();
}

export function clearError(): void {
  shownError = null;
  const root = document.getElementById("screen");
  root?.querySelectorAll(".field-error").forEach((el) => (el.textContent = ""));
  root?.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  const banner = root?.querySelector<HTMLElement>(".form-error");
  if (banner) {
    banner.textContent = "";
    banner.hidden = true;
  }
}
