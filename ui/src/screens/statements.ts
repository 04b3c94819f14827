// The statement screens (spec 7.3): holdings, movements, daily and monthly
// statements, and one stock's balance over time. Each screen is a small
// form (the core checks every value and names a bad one) above its results;
// a wait of more than 100 ms shows "Loading", an empty result says so in
// words, and a language switch fetches the names and kinds again.
import { clearError, exportsAllowed, followSession, show, showError } from "../app";
import { h } from "../dom";
import { banner } from "../forms";
import { day, daysBefore, month, quantity, recentMonths, todayHk } from "../format";
import { t, type LabelKey } from "../i18n";
import {
  api,
  type ExportFormat,
  type ExportRequest,
  type DailyStatementView,
  type MovementLine,
  type MovementsView,
  type StatementHeaderView,
  type StockLine,
} from "../ipc";
import { go, route, stillOn, visitToken } from "../router";
import { balanceChart } from "./chart";

/** A screen's frame: breadcrumb, title, error banner, form, results, Back. */
function page(titleKey: LabelKey, form: HTMLElement | null, extra: HTMLElement | null = null): HTMLElement {
  return h(
    "div",
    { class: "statements" },
    h("div", { class: "breadcrumb" }, h("span", {}, `${t("breadcrumb-hkex")} > ${t("breadcrumb-home")} > ${t(titleKey)}`)),
    h("h2", { id: "page-title", tabindex: "-1", "data-autofocus": true }, t(titleKey)),
    banner(),
    form,
    extra,
    h("p", { id: "status", role: "status", class: "visually-hidden" }),
    h("div", { id: "results" }),
    h("button", { type: "button", id: "statements-back", onclick: () => go("home") }, t("statements-back")),
  );
}

/**
 * Loads a screen's results into #results: "Loading" when the answer takes
 * more than 100 ms, then what `render` makes of it, or the error (a bad
 * field is named beside its input).
 */
async function fill<T>(visit: number, load: () => Promise<T>, render: (value: T) => Node[], focus?: string): Promise<void> {
  const results = () => document.getElementById("results");
  const status = () => document.getElementById("status");
  const slow = setTimeout(() => {
    if (!stillOn(visit)) return;
    results()?.replaceChildren(h("p", { class: "loading", id: "loading" }, t("statements-loading")));
    // The status region stays on the page, so a screen reader hears this.
    const s = status();
    if (s) s.textContent = t("statements-loading");
  }, 100);
  results()?.setAttribute("aria-busy", "true");
  try {
    const value = await load();
    if (!stillOn(visit)) return;
    results()?.replaceChildren(...render(value));
    if (focus) document.getElementById(focus)?.focus();
  } catch (e) {
    if (!stillOn(visit)) return;
    results()?.replaceChildren();
    if (!followSession(e)) showError(e);
  } finally {
    clearTimeout(slow);
    results()?.removeAttribute("aria-busy");
    const s = status();
    if (s && stillOn(visit)) s.textContent = "";
  }
}

/**
 * A labelled input whose id is the core's field name, so its error lands
 * beside it. Dates are typed as YYYY-MM-DD in every language: a native date
 * control would show the system's format, not the reader's.
 */
function input(id: string, labelKey: LabelKey, value: string, date = false): HTMLElement {
  const described = [date ? `hint-${id}` : "", `err-${id}`].filter(Boolean).join(" ");
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, t(labelKey)),
    h("input", {
      id,
      name: id,
      type: "text",
      value,
      autocomplete: "off",
      spellcheck: "false",
      maxlength: date ? "10" : undefined,
      size: date ? "12" : undefined,
      "aria-describedby": described,
    }),
    date ? h("p", { class: "hint", id: `hint-${id}` }, t("date-hint")) : null,
    h("p", { class: "field-error", id: `err-${id}`, role: "alert" }),
  );
}

function checkbox(id: string, labelKey: LabelKey, checked: boolean): HTMLElement {
  return h("div", { class: "check" }, h("input", { id, type: "checkbox", checked }), h("label", { for: id }, t(labelKey)));
}

function monthSelect(selected: string): HTMLElement {
  const months = recentMonths(todayHk(), 120);
  if (!months.includes(selected)) months.unshift(selected);
  return h(
    "div",
    { class: "field" },
    h("label", { for: "month" }, t("field-month")),
    h("select", { id: "month", name: "month", "aria-describedby": "err-month" }, ...months.map((m) => h("option", { value: m, selected: m === selected }, month(m)))),
    h("p", { class: "field-error", id: "err-month", role: "alert" }),
  );
}

function form(onSubmit: (f: HTMLFormElement) => void, ...fields: HTMLElement[]): HTMLElement {
  return h(
    "form",
    {
      class: "enquiry",
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        clearError();
        onSubmit(e.currentTarget as HTMLFormElement);
      },
    },
    ...fields,
    h("button", { type: "submit", id: "enquiry-show", class: "primary" }, t("statements-show")),
  );
}

function read(f: HTMLElement, id: string): string {
  return f.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? "";
}

function checked(f: HTMLElement, id: string): boolean {
  return f.querySelector<HTMLInputElement>(`#${id}`)?.checked ?? false;
}

/**
 * Save as CSV / Save as PDF, on a desktop only: the system's save dialog
 * (opened by Rust) chooses the file. Nothing is shown on a kiosk.
 */
function exportButtons(what: ExportRequest): HTMLElement | null {
  if (!exportsAllowed()) return null;
  const status = h("p", { class: "export-status", id: "export-status", role: "status" });
  const button = (format: ExportFormat, key: LabelKey) =>
    h(
      "button",
      {
        type: "button",
        id: `export-${format}`,
        onclick: async () => {
          clearError();
          status.textContent = "";
          try {
            const path = await api.exportStatement(what, format);
            if (path) status.textContent = t("export-saved", { path });
          } catch (e) {
            if (!followSession(e)) showError(e);
          }
        },
      },
      t(key),
    );
  return h("div", { class: "export" }, button("csv", "export-csv"), button("pdf", "export-pdf"), status);
}

const num = (text: string) => h("td", { class: "num" }, text);
const head = (key: LabelKey, numeric = false) => h("th", { scope: "col", class: numeric ? "num" : undefined }, t(key));
const blankIfZero = (digits: string) => (digits === "0" ? "" : quantity(digits));

function empty(key: LabelKey): HTMLElement {
  return h("p", { class: "empty", id: "empty" }, t(key));
}

function headerBlock(header: StatementHeaderView, dateKey: LabelKey, date: string): HTMLElement {
  const row = (key: LabelKey, value: string, id: string) => h("div", { class: "row" }, h("dt", {}, t(key)), h("dd", { id }, value));
  return h(
    "dl",
    { class: "statement-header" },
    row(dateKey, day(date), "statement-date"),
    row("field-participant-id", header.participantId, "statement-participant"),
    row("field-ssa-number", header.ssaNumber, "statement-ssa"),
    row("field-basic-user-id", header.basicUserId, "statement-basic-user"),
  );
}

function stockTable(id: string, stocks: StockLine[], openable: boolean, labelledBy: string): HTMLElement {
  return h(
    "table",
    { id, class: "figures", "aria-labelledby": labelledBy },
    h("thead", {}, h("tr", {}, head("col-stock-code"), head("col-stock-name"), head("col-balance", true))),
    h(
      "tbody",
      {},
      ...stocks.map((s) =>
        h(
          "tr",
          { "data-code": s.code },
          h(
            "td",
            { class: "code" },
            openable
              ? h("button", { type: "button", class: "link", "aria-label": t("holdings-open-stock", { code: s.code, name: s.name }), onclick: () => go("stock", { code: s.code, name: s.name }) }, s.code)
              : s.code,
          ),
          h("td", {}, s.name),
          num(quantity(s.balance)),
        ),
      ),
    ),
  );
}

// ---- Holdings --------------------------------------------------------------

route("holdings", ({ date, withZero, focus }) => {
  const visit = visitToken();
  const on = date ?? todayHk();
  const zero = withZero ?? false;
  show(
    () =>
      page(
        "holdings-title",
        form((f) => go("holdings", { date: read(f, "date"), withZero: checked(f, "with-zero"), focus: "results-first" }), input("date", "field-date", on, true), checkbox("with-zero", "holdings-with-zero", zero)),
      ),
    () => go("holdings", { date: on, withZero: zero }),
  );
  void fill(
    visit,
    () => api.holdings(on, zero),
    (view) =>
      view.stocks.length
        ? [
            h("p", { class: "count", id: "results-first", tabindex: "-1" }, `${t("holdings-count")} `, h("strong", { id: "holdings-count" }, quantity(String(view.stocks.length)))),
            stockTable("holdings", view.stocks, true, "page-title"),
          ]
        : [empty("holdings-empty")],
    focus,
  );
});

// ---- Movements -------------------------------------------------------------

function movementRows(lines: MovementLine[], withStock: boolean): HTMLElement[] {
  return lines.map((m) =>
    h(
      "tr",
      { "data-reference": m.reference },
      h("td", {}, day(m.date)),
      withStock ? h("td", { class: "code" }, m.code) : null,
      withStock ? h("td", {}, m.name) : null,
      h("td", {}, `${m.kindName} (${m.kind})`),
      h("td", { class: "code" }, m.reference),
      num(blankIfZero(m.quantityIn)),
      num(blankIfZero(m.quantityOut)),
    ),
  );
}

route("movements", ({ from, to, stock, page: pageNo, newOnly, focus }) => {
  const visit = visitToken();
  const last = to ?? todayHk();
  const first = from ?? daysBefore(last, 29);
  const filter = stock ?? "";
  const only = newOnly ?? false;
  const n = pageNo ?? 0;
  const again = (p: number, focusId?: string) => go("movements", { from: first, to: last, stock: filter, page: p, newOnly: only, focus: focusId });
  show(
    () =>
      page(
        "movements-title",
        form(
          (f) => go("movements", { from: read(f, "from-date"), to: read(f, "to-date"), stock: read(f, "stock-code"), page: 0, newOnly: checked(f, "new-only"), focus: "results-first" }),
          input("from-date", "field-from-date", first, true),
          input("to-date", "field-to-date", last, true),
          input("stock-code", "movements-stock", filter),
          checkbox("new-only", "movements-new-only", only),
        ),
      ),
    () => again(n),
  );
  void fill(
    visit,
    () => api.movements({ from: first, to: last, stock: filter, page: n, newOnly: only }),
    (view: MovementsView) => {
      if (view.total === 0) return [empty("movements-empty")];
      const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
      const exports = exportButtons({ kind: "movements", request: { from: first, to: last, stock: filter, page: 0, newOnly: only } });
      return [
        h("p", { class: "count", id: "results-first", tabindex: "-1" }, `${t("movements-total")} `, h("strong", { id: "movements-total" }, quantity(String(view.total)))),
        ...(exports ? [exports] : []),
        h(
          "table",
          { id: "movements", class: "figures", "aria-labelledby": "page-title" },
          h("thead", {}, h("tr", {}, head("col-date"), head("col-stock-code"), head("col-stock-name"), head("col-kind"), head("col-reference"), head("col-in", true), head("col-out", true))),
          h("tbody", {}, ...movementRows(view.movements, true)),
        ),
        h(
          "nav",
          { class: "pager", "aria-label": t("pager-label") },
          h("button", { type: "button", id: "page-previous", disabled: view.page === 0, onclick: () => again(view.page - 1, "page-number") }, t("page-previous")),
          h("span", { id: "page-number", tabindex: "-1" }, t("page-of", { page: quantity(String(view.page + 1)), pages: quantity(String(pages)) })),
          h("button", { type: "button", id: "page-next", disabled: view.page + 1 >= pages, onclick: () => again(view.page + 1, "page-number") }, t("page-next")),
        ),
      ];
    },
    focus,
  );
});

// ---- Daily statements ------------------------------------------------------

function dailyStatement(statement: DailyStatementView): HTMLElement {
  return h(
    "article",
    { class: "statement", id: "daily-statement", "aria-labelledby": "daily-statement-title" },
    h("h3", { id: "daily-statement-title", tabindex: "-1" }, t("daily-statement-title", { date: day(statement.date) })),
    headerBlock(statement.header, "statement-date", statement.date),
    ...statement.stocks.map((s) =>
      h(
        "section",
        { class: "statement-stock", "data-code": s.code },
        h("h4", { id: `daily-stock-${s.code}` }, `${s.code} ${s.name}`),
        h(
          "table",
          { class: "figures", "aria-labelledby": `daily-stock-${s.code}` },
          h("thead", {}, h("tr", {}, head("col-kind"), head("col-reference"), head("col-in", true), head("col-out", true), head("col-balance", true))),
          h(
            "tbody",
            {},
            h("tr", { class: "opening" }, h("th", { scope: "row", colspan: "4" }, t("opening-balance")), num(quantity(s.opening))),
            ...s.movements.map((m) =>
              h("tr", { class: "movement" }, h("td", {}, `${m.kindName} (${m.kind})`), h("td", {}, m.reference), num(blankIfZero(m.quantityIn)), num(blankIfZero(m.quantityOut)), h("td", {})),
            ),
            h("tr", { class: "closing" }, h("th", { scope: "row", colspan: "4" }, t("closing-balance")), num(quantity(s.closing))),
          ),
        ),
      ),
    ),
  );
}

route("daily", ({ month: chosen, date, focus }) => {
  const visit = visitToken();
  const m = chosen ?? (date ? date.slice(0, 7) : todayHk().slice(0, 7));
  show(
    () => page("daily-title", form((f) => go("daily", { month: read(f, "month"), focus: "daily-dates-title" }), monthSelect(m))),
    () => go("daily", { month: m, date }),
  );
  void fill(
    visit,
    async () => ({ dates: await api.statementDates(m), holidays: await api.monthHolidays(m), statement: date ? await api.dailyStatement(date) : null }),
    ({ dates, holidays, statement }) => {
      const offDays = holidays.length
        ? [
            h(
              "section",
              { class: "holidays", "aria-labelledby": "daily-holidays-title" },
              h("h3", { id: "daily-holidays-title" }, t("daily-holidays")),
              h("ul", { id: "month-holidays" }, ...holidays.map((d) => h("li", { "data-date": d.date }, t("holiday-line", { date: day(d.date), name: d.name })))),
            ),
          ]
        : [];
      if (!dates.length && !statement) return [empty("daily-none"), ...offDays];
      const list = h(
        "nav",
        { class: "dates", "aria-labelledby": "daily-dates-title" },
        h("h3", { id: "daily-dates-title", tabindex: "-1" }, t("daily-dates")),
        h(
          "ul",
          { id: "statement-dates" },
          ...dates.map((d) =>
            h("li", {}, h("button", { type: "button", class: "link", "data-date": d, "aria-current": d === date ? "date" : undefined, onclick: () => go("daily", { month: m, date: d, focus: "daily-statement-title" }) }, day(d))),
          ),
        ),
      );
      if (!statement) return [list, ...offDays, h("p", { class: "hint" }, t("daily-choose"))];
      const exports = exportButtons({ kind: "daily", date: statement.date });
      return [list, ...offDays, dailyStatement(statement), ...(exports ? [exports] : [])];
    },
    focus,
  );
});

// ---- Monthly statement -----------------------------------------------------

route("monthly", ({ month: chosen, focus }) => {
  const visit = visitToken();
  const m = chosen ?? todayHk().slice(0, 7);
  show(
    () => page("monthly-title", form((f) => go("monthly", { month: read(f, "month"), focus: "monthly-statement-title" }), monthSelect(m))),
    () => go("monthly", { month: m }),
  );
  void fill(
    visit,
    () => api.monthlyStatement(m),
    (statement) => [
      ...[exportButtons({ kind: "monthly", month: m })].filter((e): e is HTMLElement => e !== null),
      h(
        "article",
        { class: "statement", id: "monthly-statement", "aria-labelledby": "monthly-statement-title" },
        h("h3", { id: "monthly-statement-title", tabindex: "-1" }, t("monthly-statement-title", { month: month(m) })),
        headerBlock(statement.header, "monthly-as-at", statement.monthEnd),
        statement.stocks.length ? stockTable("monthly", statement.stocks, false, "monthly-statement-title") : empty("monthly-empty"),
      ),
    ],
    focus,
  );
});

// ---- One stock: its balance over time and its movements ---------------------

route("stock", ({ code, name, from, to, focus }) => {
  const visit = visitToken();
  const last = to ?? todayHk();
  const first = from ?? daysBefore(last, 364);
  show(
    () =>
      page(
        "chart-title",
        form((f) => go("stock", { code, name, from: read(f, "from-date"), to: read(f, "to-date"), focus: "balance-chart" }), input("from-date", "field-from-date", first, true), input("to-date", "field-to-date", last, true)),
        h("p", { class: "stock-name", id: "stock-name" }, t("stock-title", { code, name })),
      ),
    () => go("stock", { code, name, from: first, to: last }),
  );
  void fill(
    visit,
    async () => ({
      points: await api.balanceSeries({ stock: code, from: first, to: last }),
      moves: await api.movements({ from: first, to: last, stock: code, page: 0, newOnly: false }),
    }),
    ({ points, moves }) => {
      // The name in the language shown now (the holdings page named it in
      // the language of then).
      const shownName = moves.movements[0]?.name;
      const title = document.getElementById("stock-name");
      if (shownName && title) title.textContent = t("stock-title", { code, name: shownName });
      return [
      points.length ? balanceChart(points, last) : empty("chart-empty"),
      h("h3", { id: "stock-movements-title" }, t("movements-title")),
      moves.total
        ? h(
            "table",
            { id: "stock-movements", class: "figures", "aria-labelledby": "stock-movements-title" },
            h("thead", {}, h("tr", {}, head("col-date"), head("col-kind"), head("col-reference"), head("col-in", true), head("col-out", true))),
            h("tbody", {}, ...movementRows(moves.movements, false)),
          )
        : empty("movements-empty"),
      moves.total > moves.movements.length
        ? h("button", { type: "button", class: "link", id: "stock-all-movements", onclick: () => go("movements", { from: first, to: last, stock: code }) }, t("menu-movements"))
        : null,
      ].filter((n): n is HTMLElement => n !== null);
    },
    focus,
  );
});
