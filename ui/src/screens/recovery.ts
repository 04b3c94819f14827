// Forgot Internet user password (spec 3.10) and Cancel Internet User ID
// (3.11), reached from Welcome.
import { show, showError } from "../app";
import { h } from "../dom";
import { banner, basicAccountFields, Captcha, clearButton, field, value } from "../forms";
import { t } from "../i18n";
import { api, isUiError } from "../ipc";
import { go, route, stillOn, visitToken } from "../router";

route("forgot", async () => {
  const visit = visitToken();
  const captcha = new Captcha("recovery");
  await captcha.load();
  if (!stillOn(visit)) return;
  show(() => {
    const form: HTMLFormElement = h(
      "form",
      {
        id: "forgot-form",
        "aria-labelledby": "forgot-title",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            await api.recoverInternetPassword({
              internetUserId: value(form, "internet-user-id"),
              basicUserId: value(form, "basic-user-id"),
              participantId: value(form, "participant-id"),
              ssaNumber: value(form, "ssa-number"),
              basicPassword: value(form, "basic-password"),
              newPassword: value(form, "new-internet-password"),
              confirmNewPassword: value(form, "confirm-new-internet-password"),
              captchaId: captcha.id,
              captchaAnswer: value(form, "captcha"),
            });
            go("system-message", { titleKey: "forgot-title", textKey: "forgot-done", onContinue: () => go("welcome") });
          } catch (err) {
            await captcha.refresh();
            showError(err);
          }
        },
      },
      h("h2", { id: "forgot-title" }, t("forgot-title")),
      h("p", {}, t("forgot-intro")),
      banner(),
      field({ id: "internet-user-id", label: "field-internet-user-id", hint: "login-hint-id", autofocus: true, autocomplete: "username", maxlength: 40 }),
      h(
        "fieldset",
        {},
        h("legend", {}, t("section-basic-info")),
        ...basicAccountFields(),
        field({ id: "basic-password", label: "field-basic-password", password: true, inputmode: "numeric", maxlength: 20 }),
      ),
      field({ id: "new-internet-password", label: "field-new-internet-password", hint: "change-internet-note", password: true, autocomplete: "new-password", maxlength: 40 }),
      field({ id: "confirm-new-internet-password", label: "field-confirm-new-internet-password", password: true, autocomplete: "new-password", maxlength: 40 }),
      captcha.render(),
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
});

route("cancel", async ({ flash }) => {
  const visit = visitToken();
  const captcha = new Captcha("cancellation");
  await captcha.load();
  if (!stillOn(visit)) return;
  show(() => {
    const form: HTMLFormElement = h(
      "form",
      {
        id: "cancel-form",
        "aria-labelledby": "cancel-title",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const internetUserId = await api.checkCancellation({
              internetUserId: value(form, "internet-user-id"),
              password: value(form, "internet-password"),
              captchaId: captcha.id,
              captchaAnswer: value(form, "captcha"),
            });
            go("cancel-confirm", { internetUserId });
          } catch (err) {
            await captcha.refresh();
            const password = form.querySelector<HTMLInputElement>("#internet-password");
            if (password) password.value = "";
            showError(err);
          }
        },
      },
      h("h2", { id: "cancel-title" }, t("cancel-title")),
      h("p", {}, t("cancel-intro")),
      banner(),
      field({ id: "internet-user-id", label: "field-internet-user-id", hint: "login-hint-id", autofocus: true, autocomplete: "username", maxlength: 40 }),
      field({ id: "internet-password", label: "field-internet-password", password: true, autocomplete: "current-password", maxlength: 40 }),
      captcha.render(),
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

route("cancel-confirm", ({ internetUserId }) => {
  show(() =>
    h(
      "section",
      { id: "cancel-confirm", "aria-labelledby": "cancel-confirm-title" },
      h("h2", { id: "cancel-confirm-title" }, t("cancel-confirm-title")),
      banner(),
      h("p", {}, `${t("field-internet-user-id")}: `, h("strong", { id: "show-internet-user-id" }, internetUserId)),
      h("p", { class: "notice" }, t("cancel-meaning")),
      h(
        "div",
        { class: "buttons" },
        h(
          "button",
          {
            type: "button",
            id: "confirm",
            class: "primary",
            onclick: async () => {
              try {
                await api.confirmCancellation();
                go("system-message", { titleKey: "cancel-title", textKey: "cancel-done", onContinue: () => go("welcome") });
              } catch (err) {
                if (isUiError(err) && err.code === "pending-expired") {
                  // The 5 minutes passed: start again.
                  go("cancel", { flash: err });
                  return;
                }
                showError(err);
              }
            },
          },
          t("action-confirm"),
        ),
        h("button", { type: "button", id: "back", "data-autofocus": true, onclick: () => go("welcome") }, t("action-back")),
      ),
    ),
  );
});
