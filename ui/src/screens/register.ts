// New user registration (spec 3.2), Confirm (3.3) and Done (3.4).
import { show, showError } from "../app";
import { h } from "../dom";
import { banner, basicAccountFields, Captcha, clearButton, field, readonlyRow, value } from "../forms";
import { t } from "../i18n";
import { api, isUiError, type RegisteredUser } from "../ipc";
import { go, route, stillOn, visitToken, type TypedRegistration } from "../router";

route("register", async ({ typed, flash }) => {
  const visit = visitToken();
  const captcha = new Captcha("registration");
  await captcha.load();
  if (!stillOn(visit)) return;
  show(() => {
    const form: HTMLFormElement = h(
      "form",
      {
        id: "register-form",
        "aria-labelledby": "register-title",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void submit(form, captcha);
        },
      },
      h("h2", { id: "register-title" }, t("register-title")),
      h("p", { class: "hint" }, t("register-notes")),
      banner(),
      h(
        "fieldset",
        {},
        h("legend", {}, t("section-basic-info")),
        ...basicAccountFields(typed, true),
        h("p", { class: "hint" }, t("hint-from-broker")),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, t("section-register-id")),
        field({ id: "internet-user-id", label: "field-internet-user-id", hint: "login-hint-id", value: typed?.internetUserId, autocomplete: "username", maxlength: 40 }),
        field({ id: "internet-password", label: "field-internet-password", hint: "login-hint-password", password: true, autocomplete: "new-password", maxlength: 40 }),
        field({ id: "confirm-internet-password", label: "field-confirm-internet-password", password: true, autocomplete: "new-password", maxlength: 40 }),
        captcha.render(),
      ),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", id: "submit", class: "primary" }, t("action-submit")),
        clearButton(captcha),
        h("button", { type: "button", id: "back", onclick: () => go("welcome") }, t("action-back")),
      ),
    );
    return form;
  });
  if (flash) showError(flash, false);
});

async function submit(form: HTMLElement, captcha: Captcha): Promise<void> {
  const typed: TypedRegistration = {
    basicUserId: value(form, "basic-user-id"),
    participantId: value(form, "participant-id"),
    ssaNumber: value(form, "ssa-number"),
    internetUserId: value(form, "internet-user-id"),
  };
  try {
    const pending = await api.submitRegistration({
      ...typed,
      internetPassword: value(form, "internet-password"),
      confirmInternetPassword: value(form, "confirm-internet-password"),
      captchaId: captcha.id,
      captchaAnswer: value(form, "captcha"),
    });
    go("confirm", { pending, typed });
  } catch (e) {
    // Every Submit uses up the code: show a new one.
    await captcha.refresh();
    showError(e);
  }
}

function details(user: RegisteredUser): HTMLElement {
  return h(
    "dl",
    { class: "details" },
    readonlyRow("field-basic-user-id", user.basicUserId, "show-basic-user-id"),
    readonlyRow("field-participant-id", user.participantId, "show-participant-id"),
    readonlyRow("field-ssa-number", user.ssaNumber, "show-ssa-number"),
    readonlyRow("field-internet-user-id", user.internetUserId, "show-internet-user-id"),
  );
}

route("confirm", ({ pending, typed }) => {
  show(() => {
    const form: HTMLFormElement = h(
      "form",
      {
        id: "confirm-form",
        "aria-labelledby": "confirm-title",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const user = await api.confirmRegistration(value(form, "basic-password"));
            go("done", { user });
          } catch (err) {
            if (isUiError(err) && err.code === "pending-expired") {
              // The 5 minutes passed: start again, with what was typed.
              go("register", { typed, flash: err });
              return;
            }
            const input = form.querySelector<HTMLInputElement>("#basic-password");
            if (input) input.value = "";
            showError(err);
            if (!(isUiError(err) && err.fields.length)) input?.focus();
          }
        },
      },
      h("h2", { id: "confirm-title" }, t("confirm-title")),
      h("p", {}, t("confirm-intro")),
      banner(),
      details(pending),
      field({ id: "basic-password", label: "field-basic-password", password: true, autofocus: true, inputmode: "numeric", maxlength: 20 }),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", id: "confirm", class: "primary" }, t("action-confirm")),
        // Back keeps what was typed (not the passwords or the code); leaving
        // this page tells the core to forget the unfinished registration.
        h("button", { type: "button", id: "back", onclick: () => go("register", { typed }) }, t("action-back")),
      ),
    );
    return form;
  });
});

route("done", ({ user }) => {
  show(() =>
    h(
      "section",
      { id: "done", "aria-labelledby": "done-title" },
      h("h2", { id: "done-title" }, t("done-title")),
      h("p", {}, t("done-intro")),
      details(user),
      h("p", {}, t("done-keep")),
      h(
        "section",
        { class: "safety", "aria-labelledby": "safety-title" },
        h("h3", { id: "safety-title" }, t("safety-title")),
        h("p", {}, t("safety-intro")),
        h("ol", {}, h("li", {}, t("safety-1")), h("li", {}, t("safety-2")), h("li", {}, t("safety-3")), h("li", {}, t("safety-4"))),
      ),
      h("button", { type: "button", id: "continue", class: "primary", "data-autofocus": true, onclick: () => go("welcome") }, t("action-continue")),
    ),
  );
});
