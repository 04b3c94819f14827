// The SSA home (spec 3.8): who is logged in, the last login, the broadcast
// messages, help, the maintenance timetable and the menu.
import { followSession, isKiosk, setLoggedIn, show, showError } from "../app";
import { h } from "../dom";
import { maintenanceTable } from "../forms";
import { t } from "../i18n";
import { api, type HomeView, type MessageBody } from "../ipc";
import { go, route, stillOn, visitToken } from "../router";

route("home", async () => {
  const visit = visitToken();
  let view: HomeView;
  try {
    view = await api.home();
  } catch (e) {
    if (!followSession(e)) showError(e);
    return;
  }
  if (!stillOn(visit)) return;
  show(
    () => render(view),
    // Dates and the last-login line are words too: fetch them again.
    () => go("home"),
  );
});

async function logout(): Promise<void> {
  await api.logout().catch(() => undefined);
  setLoggedIn(false);
  go("welcome");
}

function render(view: HomeView): HTMLElement {
  const rows = view.messages.map((m) =>
    h(
      "tr",
      { class: m.read ? "read" : "unread" },
      h("td", {}, m.date),
      h("td", {}, m.reference),
      h(
        "td",
        {},
        h("button", { type: "button", class: "link", id: `message-${m.reference}`, onclick: () => go("message", { id: m.id }) }, m.subject),
      ),
    ),
  );
  return h(
    "div",
    { class: "home" },
    h(
      "div",
      { class: "breadcrumb" },
      h("span", {}, `${t("breadcrumb-hkex")} > ${t("breadcrumb-home")}`),
      h("span", {}, `${t("field-basic-user-id")} `, h("strong", { id: "home-basic-user-id" }, view.basicUserId)),
    ),
    h("p", { id: "last-login" }, view.lastLogin),
    view.newMovementsText
      ? h(
          "p",
          { class: "notice", id: "new-movements" },
          view.newMovementsText,
          " ",
          h(
            "button",
            { type: "button", class: "link", id: "new-movements-link", onclick: () => go("movements", { from: "2000-01-01", newOnly: true }) },
            t("new-movements-link"),
          ),
        )
      : null,
    view.passwordExpiry
      ? h(
          "p",
          { class: "notice", id: "password-expiry" },
          view.passwordExpiry,
          " ",
          h("button", { type: "button", class: "link", onclick: () => go("change-internet", { forced: false }) }, t("menu-change-internet")),
        )
      : null,
    h(
      "div",
      { class: "columns" },
      h(
        "section",
        { "aria-labelledby": "messages-title" },
        h("h2", { id: "messages-title", tabindex: "-1", "data-autofocus": true }, t("messages-title")),
        h("p", {}, t("messages-select")),
        rows.length
          ? h(
              "table",
              { id: "messages" },
              h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("col-date")), h("th", { scope: "col" }, t("col-reference")), h("th", { scope: "col" }, t("col-subject")))),
              h("tbody", {}, ...rows),
            )
          : h("p", {}, t("no-messages")),
        h("p", {}, `${t("new-messages")} `, h("strong", { id: "unread" }, String(view.unread))),
      ),
      h(
        "nav",
        { class: "menu", "aria-labelledby": "menu-title" },
        h("h2", { id: "menu-title" }, t("menu-title")),
        h("button", { type: "button", id: "menu-holdings", onclick: () => go("holdings") }, t("menu-holdings")),
        h("button", { type: "button", id: "menu-movements", onclick: () => go("movements") }, t("menu-movements")),
        h("button", { type: "button", id: "menu-daily", onclick: () => go("daily") }, t("menu-daily")),
        h("button", { type: "button", id: "menu-monthly", onclick: () => go("monthly") }, t("menu-monthly")),
        h("button", { type: "button", id: "menu-change-internet", onclick: () => go("change-internet", { forced: false }) }, t("menu-change-internet")),
        h("button", { type: "button", id: "menu-change-basic", onclick: () => go("change-basic", { forced: false }) }, t("menu-change-basic")),
        h("button", { type: "button", id: "logout", onclick: () => void logout() }, t("menu-logout")),
      ),
    ),
    h(
      "section",
      { class: "help", "aria-labelledby": "help-title" },
      h("h2", { id: "help-title" }, t("help-title")),
      h("p", {}, t("help-intro")),
      h("ol", {}, h("li", {}, t("help-broker")), h("li", {}, t("help-hotline")), h("li", {}, t("help-faq"))),
      // A kiosk keeps 100 % (src-tauri/src/zoom.rs).
      ...(isKiosk() ? [] : [h("p", { class: "hint", id: "help-zoom" }, t("help-zoom"))]),
    ),
    maintenanceTable(),
  );
}

route("message", async ({ id }) => {
  const visit = visitToken();
  let body: MessageBody;
  try {
    body = await api.openMessage(id);
  } catch (e) {
    if (!followSession(e)) showError(e);
    return;
  }
  if (!stillOn(visit)) return;
  show(
    () =>
      h(
        "article",
        { class: "message", "aria-labelledby": "message-subject" },
        h("h2", { id: "message-subject", tabindex: "-1", "data-autofocus": true }, body.subject),
        h("p", { class: "meta" }, t("message-meta", { date: body.date, reference: body.reference })),
        h("p", { class: "body", id: "message-body" }, body.body),
        h("button", { type: "button", id: "message-back", onclick: () => go("home") }, t("message-back")),
      ),
    () => go("message", { id }),
  );
});
