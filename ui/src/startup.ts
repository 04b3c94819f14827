// The start-up guard, imported before anything else. Until the first screen
// is drawn, a script error, a rejected promise, or a first call into Rust
// that fails or never answers ends on a page that says something went wrong
// and where the log is: never a blank window. The labels come from the shell
// and may be what failed, so this page carries its own words, in English and
// both Chinese scripts. The error goes to the log through the shell.
//
// It also mends the one thing about the platform that blanked the window: the
// WebKit webview makes `navigator.language` from the C library's locale by
// dropping the codeset, so `LANG=C.UTF-8` (Debian's default on minimal
// installs) gives "C", which is no BCP 47 tag. Any `Intl` constructor handed
// it throws `RangeError`, and uPlot builds an `Intl.NumberFormat` from it as
// its module loads, before our code runs. Our own formatting never reads
// `navigator.language` (format.ts names the locale of the chosen language).
import { api, isUiError } from "./ipc";

/**
 * How long the first call may take before the window says start-up failed.
 * Opening a branch database may wait 30 s for a connection, and a locked
 * keyring may ask for its password; should the call still answer later,
 * Welcome replaces the failure page (the log then says both).
 */
const WAIT_MS = 60_000;

/** A BCP 47 tag `Intl` accepts, or null. */
export function validTag(tag: unknown): string | null {
  if (typeof tag !== "string" || tag === "") return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

function mendNavigatorLanguage(): void {
  const language = validTag(navigator.language);
  const languages = (navigator.languages ?? []).map(validTag).filter((t): t is string => t !== null);
  if (language && languages.length === (navigator.languages ?? []).length) return;
  const fallback = language ?? languages[0] ?? "en-US";
  Object.defineProperty(navigator, "language", { value: fallback, configurable: true });
  Object.defineProperty(navigator, "languages", { value: Object.freeze(languages.length ? languages : [fallback]), configurable: true });
}

let settled = false;

/** The first screen is drawn: from here on errors are shown on the screen they happen on. */
export function started(): void {
  settled = true;
  window.clearTimeout(timer);
}

function describe(reason: unknown): string {
  if (isUiError(reason)) return `${reason.code}: ${reason.message}`;
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  return String(reason);
}

const WORDS = [
  {
    lang: "en",
    title: "SSA Desktop could not start",
    body: "Something went wrong while the window was starting. Close SSA Desktop and open it again. If this happens again, give the log file named below to your broker.",
    log: "Log file folder:",
  },
  {
    lang: "zh-HK",
    title: "SSA Desktop 未能啟動",
    body: "視窗啟動時出現問題。請關閉 SSA Desktop，然後再次開啟。如問題再次出現，請把下列記錄檔交給你的經紀。",
    log: "記錄檔資料夾：",
  },
  {
    lang: "zh-CN",
    title: "SSA Desktop 未能启动",
    body: "窗口启动时出现问题。请关闭 SSA Desktop，然后再次打开。如问题再次出现，请把下列日志文件交给你的经纪。",
    log: "日志文件夹：",
  },
];

/** Ends start-up on the failure page (once), and logs `reason` through the shell. */
export function failStartup(reason: unknown): void {
  if (settled) return;
  settled = true;
  window.clearTimeout(timer);
  const message = describe(reason);
  console.error("start-up failed:", message);
  const page = document.createElement("section");
  page.className = "startup-failed";
  page.id = "startup-failed";
  page.setAttribute("role", "alert");
  const where: HTMLElement[] = [];
  for (const w of WORDS) {
    const part = document.createElement("div");
    part.lang = w.lang;
    const title = document.createElement(w.lang === "en" ? "h1" : "h2");
    title.textContent = w.title;
    const body = document.createElement("p");
    body.textContent = w.body;
    const log = document.createElement("p");
    const label = document.createElement("span");
    label.textContent = `${w.log} `;
    const path = document.createElement("code");
    path.className = "startup-log";
    path.textContent = defaultLogFolder();
    where.push(path);
    log.append(label, path);
    part.append(title, body, log);
    page.append(part);
  }
  const detail = document.createElement("p");
  detail.className = "startup-detail";
  detail.id = "startup-detail";
  detail.textContent = message;
  page.append(detail);
  document.documentElement.lang = "en";
  document.title = "SSA Desktop";
  const root = document.getElementById("app") ?? document.body;
  root.replaceChildren(page);
  // Whole characters only (a cut surrogate pair would not cross to Rust).
  api.reportStartupError(Array.from(message).slice(0, 2000).join("")).then(
    (folder) => where.forEach((el) => (el.textContent = folder)),
    () => undefined,
  );
}

/** Where the log is by default on this platform, until the shell says exactly. */
function defaultLogFolder(): string {
  const platform = navigator.userAgent;
  if (/Windows/.test(platform)) return "%APPDATA%\\hk.ssa-desktop\\logs";
  if (/Mac OS X/.test(platform)) return "~/Library/Application Support/hk.ssa-desktop/logs";
  return "~/.local/share/hk.ssa-desktop/logs";
}

window.addEventListener("error", (e) => failStartup(e.error ?? e.message));
window.addEventListener("unhandledrejection", (e) => failStartup(e.reason));
const timer = window.setTimeout(() => failStartup(new Error(`the window was not ready after ${WAIT_MS / 1000} s`)), WAIT_MS);
try {
  mendNavigatorLanguage();
} catch (e) {
  failStartup(e);
}
