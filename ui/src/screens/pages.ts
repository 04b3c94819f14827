// The static pages (spec 3.12): what an SSA with statement service is, and
// the FAQ.
import { show } from "../app";
import { h } from "../dom";
import { t, type LabelKey } from "../i18n";
import { go, route } from "../router";

/** How many questions the FAQ has: keys faq-q1..faq-qN and faq-a1..faq-aN in every language. */
const FAQ_COUNT = 14;

/** The key of question or answer `n` (1 to FAQ_COUNT), which the .ftl files hold. */
function faq(side: "q" | "a", n: number): Extract<LabelKey, `faq-${"q" | "a"}${number}`> {
  return `faq-${side}${n}` as Extract<LabelKey, `faq-${"q" | "a"}${number}`>;
}

/** A static page; `body` is drawn anew on each paint, so a language switch changes every word. */
function page(titleKey: LabelKey, body: () => HTMLElement[]): void {
  show(() =>
    h(
      "section",
      { class: "page", "aria-labelledby": "page-title" },
      h("h2", { id: "page-title", tabindex: "-1", "data-autofocus": true }, t(titleKey)),
      ...body(),
      h("button", { type: "button", id: "back", onclick: () => go("welcome") }, t("action-back")),
    ),
  );
}

route("what-is-ssa", () => {
  page("what-is-ssa-title", () => [h("p", {}, t("what-is-ssa-body"))]);
});

/** One question as a heading (screen readers list and jump between them) and its answer. */
function question(n: number): HTMLElement {
  return h(
    "section",
    { class: "faq-item", "aria-labelledby": `faq-q${n}` },
    h(
      "h3",
      { class: "faq-q", id: `faq-q${n}` },
      h("span", { class: "faq-mark", "aria-hidden": "true" }, t("faq-q-mark")),
      t(faq("q", n)),
    ),
    h(
      "p",
      { class: "faq-a", id: `faq-a${n}` },
      h("span", { class: "faq-mark", "aria-hidden": "true" }, t("faq-a-mark")),
      t(faq("a", n)),
    ),
  );
}

route("faq", () => {
  const numbers = Array.from({ length: FAQ_COUNT }, (_, i) => i + 1);
  page("faq-title", () => [
    // A list of the questions first: each jumps to its answer by keyboard.
    h(
      "nav",
      { class: "faq-index", "aria-labelledby": "faq-index-title" },
      h("h3", { id: "faq-index-title" }, t("faq-index-title")),
      h(
        "ol",
        {},
        ...numbers.map((n) =>
          h(
            "li",
            {},
            h(
              "a",
              {
                href: `#faq-q${n}`,
                onclick: (e: Event) => {
                  e.preventDefault();
                  const target = document.getElementById(`faq-q${n}`);
                  if (!target) return;
                  target.setAttribute("tabindex", "-1");
                  target.focus();
                  target.scrollIntoView({ block: "start" });
                },
              },
              t(faq("q", n)),
            ),
          ),
        ),
      ),
    ),
    h("div", { class: "faq", id: "faq" }, ...numbers.map(question)),
  ]);
});
