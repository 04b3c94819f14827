// The two password changes (spec 3.6, 3.7), forced after login or from the
// menu, and the system message after a change. The core decides which step
// is due; the window only follows `NextStep`.
import { followSession, setLoggedIn, show, showError } from "../app";
import { h } from "../dom";
import { banner, Captcha, clearButton, field, value } from "../forms";
import { t, type LabelKey } from "../i18n";
import { api, type NextStep } from "../ipc";
import { go, route, stillOn, visitToken } from "../router";

/** Whose account is logged in: the Basic password page shows it. */
let basicUserId = "";

route("after-login", ({ next, basicUserId: signedInAs }) => {
  if (signedInAs !== undefined) basicUserId = signedInAs;
  setLoggedIn(true);
  switch (next) {
    case "change-basic-password":
      go("change-basic", { forced: true });
      break;
    case "change-internet-password":
      go("change-internet", { forced: true });
      break;
    case "home":
      go("home");
      break;
  }
});

async function leave(forced: boolean): Promise<void> {
  // Cancel on a forced change logs out; from the menu it goes home.
  if (forced) {
    await api.logout().catch(() => undefined);
    go("welcome");
  } else {
    go("home");
  }
}

function failed(e: unknown): void {
  if (!followSession(e)) showError(e);
}

function changed(textKey: LabelKey, next: NextStep): void {
  go("system-message", { titleKey: "system-message-title", textKey, onContinue: () => go("after-login", { next }) });
}

route("change-basic", async ({ forced }) => {
  const visit = visitToken();
  const captcha = new Captcha("change-basic-password");
  await captcha.load();
  if (!stillOn(visit)) return;
  show(() => {
    const form: HTMLFormElement = h(
      "form",
      {
        id: "change-basic-form",
        "aria-labelledby": "change-basic-title",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const next = await api.changeBasicPassword({
              currentPassword: value(form, "basic-password"),
              newPassword: value(form, "new-basic-password"),
              confirmNewPassword: value(form, "confirm-basic-password"),
              captchaId: captcha.id,
              captchaAnswer: value(form, "captcha"),
            });
            changed("basic-password-changed", next);
          } catch (err) {
            await captcha.refresh().catch(() => undefined);
            failed(err);
          }
        },
      },
      h("h2", { id: "change-basic-title" }, t("change-basic-title")),
      forced ? h("p", { class: "notice", id: "forced-note" }, t("change-basic-forced")) : null,
      h(
        "ul",
        { class: "notes" },
        h("li", {}, t("change-basic-note-1")),
        h("li", {}, t("change-basic-note-2")),
        h("li", {}, t("change-basic-note-3")),
      ),
      banner(),
      h("p", {}, `${t("field-basic-user-id")}: `, h("strong", { id: "show-basic-user-id" }, basicUserId)),
      field({ id: "basic-password", label: "field-current-basic-password", password: true, autofocus: true, inputmode: "numeric", maxlength: 20 }),
      field({ id: "new-basic-password", label: "field-new-basic-password", password: true, inputmode: "numeric", maxlength: 20 }),
      field({ id: "confirm-basic-password", label: "field-confirm-basic-password", password: true, inputmode: "numeric", maxlength: 20 }),
      captcha.render(),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", id: "change", class: "primary" }, t("action-change")),
        clearButton(captcha),
        h("button", { type: "button", id: "cancel", onclick: () => void leave(forced) }, t("action-cancel")),
      ),
    );
    return form;
  });
});

route("change-internet", ({ forced }) => {
  show(() => {
    const form: HTMLFormElement = h(
      "form",
      {
        id: "change-internet-form",
        "aria-labelledby": "change-internet-title",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const next = await api.changeInternetPassword({
              currentPassword: value(form, "internet-password"),
              newPassword: value(form, "new-internet-password"),
              confirmNewPassword: value(form, "confirm-new-internet-password"),
            });
            changed("internet-password-changed", next);
          } catch (err) {
            failed(err);
          }
        },
      },
      h("h2", { id: "change-internet-title" }, t("change-internet-title")),
      forced ? h("p", { class: "notice", id: "forced-note" }, t("change-internet-forced")) : null,
      h("p", { class: "hint" }, t("change-internet-note")),
      banner(),
      field({ id: "internet-password", label: "field-current-internet-password", password: true, autofocus: true, autocomplete: "current-password", maxlength: 40 }),
      field({ id: "new-internet-password", label: "field-new-internet-password", password: true, autocomplete: "new-password", maxlength: 40 }),
      field({ id: "confirm-new-internet-password", label: "field-confirm-new-internet-password", password: true, autocomplete: "new-password", maxlength: 40 }),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", id: "change", class: "primary" }, t("action-change")),
        clearButton(null),
        h("button", { type: "button", id: "cancel", onclick: () => void leave(forced) }, t("action-cancel")),
      ),
    );
    return form;
  });
});
