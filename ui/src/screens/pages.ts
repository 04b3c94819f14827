// The static pages (spec 3.12).
import { show } from "../app";
import { h } from "../dom";
import { t } from "../i18n";
import { welcome } from "./welcome";

function page(titleKey: string, ...body: HTMLElement[]): void {
  show(() =>
    h(
      "section",
      { class: "page", "aria-labelledby": "page-title" },
      h("h2", { id: "page-title", tabindex: "-1", "data-autofocus": true }, t(titleKey)),
      ...body,
      h("button", { type: "button", id: "back", onclick: () => welcome() }, t("action-back")),
    ),
  );
}

export function whatIsSsa(): void {
  page("what-is-ssa-title", h("p", {}, t("what-is-ssa-body")));
}

export function faq(): void {
  const qa = (n: number) => [h("dt", {}, t(`faq-q${n}`)), h("dd", {}, t(`faq-a${n}`))];
  page("faq-title", h("dl", { class: "faq" }, ...qa(1), ...qa(2), ...qa(3)));
}
