// Welcome (spec 3.1): the three facts, the login box, the links, the notices
// and the maintenance timetable; in demo mode, the demo account.
import { clearError, info, setLoggedIn, show, showError } from "../app";
import { h } from "../dom";
import { banner, field, maintenanceTable, value } from "../forms";
import { t, type LabelKey } from "../i18n";
import { api } from "../ipc";
import { go, route } from "../router";

function link(id: string, key: LabelKey, onclick: () => void): HTMLElement {
  return h("button", { type: "button", class: "link", id, onclick }, t(key));
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
});

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
