// Welcome (spec 3.1): the three facts, the login box, the links, the notices
// and the maintenance timetable; in demo mode, the demo account.
import { clearError, info, show, showError, whileLoggedIn } from "../app";
import { h } from "../dom";
import { banner, field, value } from "../forms";
import { t } from "../i18n";
import { api, type UiError } from "../ipc";
import { afterLogin } from "./passwords";
import { register } from "./register";
import { faq, whatIsSsa } from "./pages";
import { cancelInternetUserId, forgotPassword } from "./recovery";

export function maintenanceTable(): HTMLElement {
  return h(
    "section",
    { class: "maintenance", "aria-labelledby": "maintenance-title" },
    h("h2", { id: "maintenance-title" }, t("maintenance-title")),
    h("p", {}, t("maintenance-intro")),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("maintenance-col-day")), h("th", { scope: "col" }, t("maintenance-col-hours")))),
      h(
        "tbody",
        {},
        h("tr", {}, h("td", {}, t("maintenance-weekdays")), h("td", {}, t("maintenance-weekdays-hours"))),
        h("tr", {}, h("td", {}, t("maintenance-sunday")), h("td", {}, t("maintenance-sunday-hours"))),
      ),
    ),
  );
}

function link(id: string, key: string, go: () => void): HTMLElement {
  return h("button", { type: "button", class: "link", id, onclick: go }, t(key));
}

export function welcome(flash?: UiError): void {
  whileLoggedIn(null);
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
      h("p", { class: "links" }, link("link-register", "link-register", () => register()), link("link-forgot", "link-forgot", () => void forgotPassword())),
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
            h("li", {}, link("link-cancel-id", "link-cancel-id", () => void cancelInternetUserId())),
            h("li", {}, link("link-what-is-ssa", "link-what-is-ssa", () => whatIsSsa())),
            h("li", {}, link("link-faq", "link-faq", () => faq())),
          ),
        ),
        h("div", {}, form, demo),
      ),
      h(
        "section",
        { class: "notices" },
        h("p", {}, t("notice-unauthorised")),
        h("p", {}, t("notice-change-password")),
        h("p", {}, t("notice-privacy")),
      ),
      maintenanceTable(),
    );
  });
  if (flash) showError(flash, false);
}

async function submit(form: HTMLElement): Promise<void> {
  // The last answer goes as the new attempt starts, so what shows is this one's.
  clearError();
  try {
    const signedIn = await api.login(value(form, "internet-user-id"), value(form, "internet-password"));
    afterLogin(signedIn.next, signedIn.basicUserId);
  } catch (e) {
    const password = form.querySelector<HTMLInputElement>("#internet-password");
    if (password) password.value = "";
    showError(e);
  }
}
