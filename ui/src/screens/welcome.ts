// Welcome (spec 3.1): the three facts, the login box, the links, the notices
// and the maintenance timetable; in demo mode, the demo account.
import { clearError, info, setLoggedIn, show, showError } from "../app";
import { h } from "../dom";
import { banner, field, maintenanceTable, value } from "../forms";
import { t, type LabelKey } from "../i18n";
import { api, isUiError, type UiError, type UpdateOffer } from "../ipc";
import type { DemoLogin } from "../bindings/DemoLogin";
import { go, route } from "../router";

function link(id: string, key: LabelKey, onclick: () => void): HTMLElement {
  return h("button", { type: "button", class: "link", id, onclick }, t(key));
}

// The demo Internet User ID that logs in at once: made-up passwords for a
// made-up account, shown on purpose.
function demoReady(ready: DemoLogin): HTMLElement {
  return h(
    "div",
    { class: "demo-ready" },
    h("h3", { id: "demo-ready-title" }, t("demo-ready-title")),
    h("p", {}, t("demo-ready-intro")),
    h(
      "dl",
      {},
      h("dt", {}, t("field-internet-user-id")), h("dd", { id: "demo-ready-internet-user-id" }, ready.internetUserId),
      h("dt", {}, t("field-internet-password")), h("dd", { id: "demo-ready-internet-password" }, ready.internetPassword),
      h("dt", {}, t("field-basic-user-id")), h("dd", { id: "demo-ready-basic-user-id" }, ready.basicUserId),
      h("dt", {}, t("demo-basic-password-now")), h("dd", { id: "demo-ready-basic-password" }, ready.basicPassword),
    ),
  );
}

route("welcome", ({ flash }) => {
  setLoggedIn(false);
  show(() => {
    const form = h(
      "form",
      {
        id: "login-form",
        class: "login-box",
        "aria-labelledby": "login-title",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void submit(form);
        },
      },
      h("h2", { id: "login-title" }, t("login-title")),
      banner(),
      field({ id: "internet-user-id", label: "field-internet-user-id", hint: "login-hint-id", autofocus: true, autocomplete: "username", maxlength: 40 }),
      field({ id: "internet-password", label: "field-internet-password", hint: "login-hint-password", password: true, autocomplete: "current-password", maxlength: 40 }),
      h("button", { type: "submit", id: "login-submit", class: "primary" }, t("action-login")),
      h("p", { class: "hint" }, t("login-help")),
      h("p", { class: "links" }, link("link-register", "link-register", () => go("register")), link("link-forgot", "link-forgot", () => go("forgot"))),
    );
    const demo = info.demo
      ? h(
          "section",
          { class: "demo", "aria-labelledby": "demo-title" },
          h("h2", { id: "demo-title" }, t("demo-title")),
          h("p", {}, t("demo-intro")),
          h(
            "dl",
            {},
            h("dt", {}, t("field-basic-user-id")), h("dd", { id: "demo-basic-user-id" }, info.demo.basicUserId),
            h("dt", {}, t("field-participant-id")), h("dd", { id: "demo-participant-id" }, info.demo.participantId),
            h("dt", {}, t("field-ssa-number")), h("dd", { id: "demo-ssa-number" }, info.demo.ssaNumber),
            h("dt", {}, t("demo-basic-password")), h("dd", { id: "demo-basic-password" }, info.demo.basicPassword),
          ),
          info.demo.ready ? demoReady(info.demo.ready) : null,
        )
      : null;
    return h(
      "div",
      { class: "welcome" },
      h(
        "div",
        { class: "columns" },
        h(
          "section",
          { class: "intro", "aria-labelledby": "welcome-title" },
          h("h2", { id: "welcome-title" }, t("welcome-title")),
          h("p", { class: "lead" }, t("app-subtitle")),
          h("ul", {}, h("li", {}, t("welcome-fact-1")), h("li", {}, t("welcome-fact-2")), h("li", {}, t("welcome-fact-3"))),
          h(
            "ul",
            { class: "side-links" },
            h("li", {}, link("link-cancel-id", "link-cancel-id", () => go("cancel"))),
            h("li", {}, link("link-what-is-ssa", "link-what-is-ssa", () => go("what-is-ssa"))),
            h("li", {}, link("link-faq", "link-faq", () => go("faq"))),
          ),
        ),
        h("div", {}, updateBox(), form, demo),
      ),
      h(
        "section",
        { class: "notices" },
        h("p", {}, t("notice-unauthorised")),
        h("p", {}, t("notice-change-password")),
        h("p", {}, t("notice-privacy")),
      ),
      maintenanceTable(),
      h("p", { class: "hint", id: "app-version" }, t("app-version", { version: info.version })),
    );
  });
  if (flash) showError(flash, false);
  if (!asked && !info.kiosk) void checkUpdate();
});

// ---------------------------------------------------------------------------
// Signed updates (src-tauri/src/updates.rs): asked once per start, offered
// here, installed on the investor's word. A kiosk never offers one.

/** `undefined` until asked; then the offer, nothing, or a refusal. */
let update: UpdateOffer | null | UiError | undefined;
let installing = false;
/** Asked once per start, however often Welcome shows meanwhile. */
let asked = false;

async function checkUpdate(): Promise<void> {
  asked = true;
  try {
    update = await api.checkUpdate();
  } catch (e) {
    // A feed out of reach says nothing (the next start asks again); a
    // refused offer is said.
    update = isUiError(e) && e.code !== "update-failed" ? e : null;
  }
  paintUpdate();
}

function updateBox(): HTMLElement {
  const box = h("div", { id: "update-box", "aria-live": "polite" });
  queueMicrotask(paintUpdate);
  return box;
}

function paintUpdate(): void {
  const box = document.getElementById("update-box");
  if (!box) return;
  if (!update) {
    box.replaceChildren();
    return;
  }
  if (isUiError(update)) {
    // Said again in the language chosen since.
    const args = (update.args ?? {}) as Record<string, string>;
    const words = t(`error-${update.code}` as LabelKey, args);
    box.replaceChildren(h("p", { class: "notice", id: "update-refused", role: "alert" }, words));
    return;
  }
  const offer = update;
  const button = h(
    "button",
    {
      type: "button",
      id: "install-update",
      class: "primary",
      onclick: () => void install(),
    },
    t("action-install-update"),
  ) as HTMLButtonElement;
  button.disabled = installing;
  box.replaceChildren(
    h(
      "section",
      { class: "notice update", "aria-labelledby": "update-text" },
      h("p", { id: "update-text" }, installing ? t("update-installing") : t("update-available", { version: offer.version, current: offer.current })),
      button,
    ),
  );
}

async function install(): Promise<void> {
  installing = true;
  paintUpdate();
  try {
    // On success the app restarts into the new version.
    await api.installUpdate();
  } catch (e) {
    installing = false;
    update = isUiError(e) ? e : null;
    paintUpdate();
  }
}

async function submit(form: HTMLElement): Promise<void> {
  // The last answer goes as the new attempt starts, so what shows is this one's.
  clearError();
  try {
    const signedIn = await api.login(value(form, "internet-user-id"), value(form, "internet-password"));
    go("after-login", { next: signedIn.next, basicUserId: signedIn.basicUserId });
  } catch (e) {
    const password = form.querySelector<HTMLInputElement>("#internet-password");
    if (password) password.value = "";
    showError(e);
  }
}
