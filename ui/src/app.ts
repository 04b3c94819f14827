// The app's frame: the header every screen shares (title, language switch,
// HKEX link), the current screen, and the error display. A language switch
// repaints the current screen in place, keeping what was typed.
import { h, painted } from "./dom";
import { setLabels, t } from "./i18n";
import { api, isUiError, type AppInfo, type Language, type UiError } from "./ipc";

export let info: AppInfo;

type Render = () => HTMLElement;
let current: Render | null = null;
let shownError: UiError | null = null;
let onLanguageChange: (() => void) | null = null;

const LANGUAGES: [Language, string][] = [
  ["en", "lang-en"],
  ["zh-HK", "lang-zh-hk"],
  ["zh-CN", "lang-zh-cn"],
];

export async function start(): Promise<AppInfo> {
  info = await api.appInfo();
  setLabels(info);
  watchIdle();
  return info;
}

// Idle sessions: a kiosk must not leave one investor's page up for the next.
// When the idle limit has passed, ask the core (which decides) whether the
// session is still alive; when it is not, `onIdle` goes back to Welcome.
let lastInput = Date.now();
let onIdle: (() => void) | null = null;

export function whileLoggedIn(handler: (() => void) | null): void {
  onIdle = handler;
  lastInput = Date.now();
}

function watchIdle(): void {
  for (const kind of ["keydown", "pointerdown", "input", "wheel"]) {
    window.addEventListener(kind, () => (lastInput = Date.now()), { capture: true, passive: true });
  }
  window.setInterval(() => {
    if (onIdle && Date.now() - lastInput > info.idleLimitSeconds * 1000 + 1000) onIdle();
  }, 5000);
}

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
    h(
      "header",
      { class: "top" },
      h("div", { class: "brand" }, h("h1", { id: "app-title" }, t("app-title")), h("p", {}, t("app-subtitle"))),
      h(
        "div",
        { class: "top-links" },
        switcher,
        h("button", { type: "button", class: "link", onclick: () => void api.openHkexWebsite() }, t("link-hkex")),
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

/** Whether an error means the investor is no longer logged in. */
export function sessionGone(error: unknown): boolean {
  return isUiError(error) && (error.code === "session-ended" || error.code === "not-allowed");
}
