// Form pieces every screen uses: a labelled field with its hint and error
// slot, a password field its owner can reveal, the verification code, and
// the message banner, the system message and the maintenance timetable.
import { h } from "./dom";
import { t, type LabelKey } from "./i18n";
import { clearError, show, showError } from "./app";
import { api, type CaptchaImage, type CaptchaScreen, type WelcomeNotices } from "./ipc";
import { route } from "./router";

export interface FieldSpec {
  /** The core's field id, e.g. `internet-user-id`: errors find the field by it. */
  id: string;
  label: LabelKey;
  hint?: LabelKey;
  password?: boolean;
  value?: string;
  readonly?: boolean;
  autofocus?: boolean;
  autocomplete?: string;
  maxlength?: number;
  inputmode?: string;
}

export function field(spec: FieldSpec): HTMLElement {
  const describedBy = [spec.hint ? `hint-${spec.id}` : "", `err-${spec.id}`].filter(Boolean).join(" ");
  const input = h("input", {
    id: spec.id,
    name: spec.id,
    type: spec.password ? "password" : "text",
    value: spec.value,
    readonly: spec.readonly,
    "data-autofocus": spec.autofocus,
    autocomplete: spec.autocomplete ?? "off",
    autocapitalize: "off",
    spellcheck: "false",
    maxlength: spec.maxlength ? String(spec.maxlength) : undefined,
    inputmode: spec.inputmode,
    "aria-describedby": describedBy,
  });
  const reveal = spec.password
    ? h(
        "button",
        {
          type: "button",
          class: "reveal",
          id: `reveal-${spec.id}`,
          "aria-controls": spec.id,
          "aria-pressed": "false",
          onclick: (e: Event) => {
            const button = e.currentTarget as HTMLButtonElement;
            const shown = input.type === "password";
            input.type = shown ? "text" : "password";
            button.setAttribute("aria-pressed", String(shown));
            button.textContent = t(shown ? "action-hide-password" : "action-show-password");
          },
        },
        t("action-show-password"),
      )
    : null;
  return h(
    "div",
    { class: "field" },
    h("label", { for: spec.id }, t(spec.label)),
    h("div", { class: "input-row" }, input, reveal),
    spec.hint ? h("p", { class: "hint", id: `hint-${spec.id}` }, t(spec.hint)) : null,
    h("p", { class: "field-error", id: `err-${spec.id}`, role: "alert" }),
  );
}

export function readonlyRow(label: LabelKey, value: string, id: string): HTMLElement {
  return h("div", { class: "row" }, h("dt", {}, t(label)), h("dd", { id }, value));
}

export function banner(): HTMLElement {
  return h("p", { class: "form-error", role: "alert", tabindex: "-1", hidden: true });
}

export function value(form: HTMLElement, id: string): string {
  return form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "";
}

/** The verification code of one screen: image, Refresh, a larger view, and its input. */
export class Captcha {
  private image: CaptchaImage | null = null;
  private img = h("img", { id: "captcha-image", alt: t("captcha-image-alt"), class: "captcha" });
  /** Listen: the same code, spoken. Controls shown, so it can be replayed and paused by keyboard too. */
  private audio = h("audio", { id: "captcha-audio", controls: true, hidden: true });

  /** Codes, and the pause after 5 wrong ones, are kept per screen. */
  constructor(private readonly screen: CaptchaScreen) {}

  async load(): Promise<void> {
    this.image = await api.newCaptcha(this.screen);
    this.img.src = `data:image/png;base64,${this.image.png_base64}`;
  }

  /** A new code after any Submit: each code is good for one check only. */
  async refresh(): Promise<void> {
    this.image = this.image
      ? await api.refreshCaptcha(this.screen, this.image.id)
      : await api.newCaptcha(this.screen);
    this.img.src = `data:image/png;base64,${this.image.png_base64}`;
    this.stopAudio();
    const input = document.querySelector<HTMLInputElement>("#captcha");
    if (input) input.value = "";
  }

  get id(): string {
    return this.image?.id ?? "";
  }

  /** A new code is never read out in the old one's voice. */
  private stopAudio(): void {
    this.audio.pause();
    this.audio.removeAttribute("src");
    this.audio.hidden = true;
  }

  /** Plays the code in the reader's language; focus stays on Listen, the answer field is next. */
  async listen(): Promise<void> {
    if (!this.image) return;
    try {
      const spoken = await api.captchaAudio(this.screen, this.image.id);
      this.audio.src = `data:audio/wav;base64,${spoken.wav_base64}`;
      this.audio.hidden = false;
      await this.audio.play().catch(() => undefined);
    } catch (error) {
      showError(error);
      await this.refresh().catch(() => undefined);
    }
  }

  render(): HTMLElement {
    this.img.alt = t("captcha-image-alt");
    this.audio.setAttribute("aria-label", t("captcha-audio-label"));
    if (this.image) this.img.src = `data:image/png;base64,${this.image.png_base64}`;
    return h(
      "div",
      { class: "captcha-box" },
      h(
        "div",
        { class: "captcha-row" },
        this.img,
        h(
          "button",
          { type: "button", id: "captcha-refresh", onclick: () => void this.refresh() },
          t("action-refresh"),
        ),
        h(
          "button",
          {
            type: "button",
            id: "captcha-listen",
            "aria-describedby": "captcha-listen-hint",
            onclick: () => void this.listen(),
          },
          t("action-listen"),
        ),
        h(
          "button",
          {
            type: "button",
            id: "captcha-enlarge",
            "aria-pressed": "false",
            onclick: (e: Event) => {
              const large = this.img.classList.toggle("large");
              (e.currentTarget as HTMLElement).setAttribute("aria-pressed", String(large));
            },
          },
          t("action-enlarge"),
        ),
      ),
      h("p", { id: "captcha-listen-hint", class: "hint" }, t("hint-listen")),
      this.audio,
      field({ id: "captcha", label: "field-captcha", hint: "hint-captcha", maxlength: 12 }),
    );
  }
}

/**
 * Clear: empties every field of its form, drops the messages, draws a new
 * code, and has the core forget any unfinished registration or cancellation.
 */
export function clearButton(captcha: Captcha | null): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      id: "clear",
      onclick: (e: Event) => {
        const form = (e.currentTarget as HTMLElement).closest("form");
        form?.querySelectorAll("input").forEach((i) => (i.value = ""));
        clearError();
        void api.abandonUnfinished().catch(() => undefined);
        if (captcha) void captcha.refresh();
        form?.querySelector<HTMLInputElement>("input")?.focus();
      },
    },
    t("action-clear"),
  );
}

/** The three fields that name an SSA basic account, as the broker handed them over. */
export function basicAccountFields(typed?: { basicUserId: string; participantId: string; ssaNumber: string }, autofocus = false): HTMLElement[] {
  return [
    field({ id: "basic-user-id", label: "field-basic-user-id", hint: "hint-basic-user-id", autofocus, value: typed?.basicUserId, inputmode: "numeric", maxlength: 20 }),
    field({ id: "participant-id", label: "field-participant-id", hint: "hint-participant-id", value: typed?.participantId, maxlength: 20 }),
    field({ id: "ssa-number", label: "field-ssa-number", hint: "hint-ssa-number", value: typed?.ssaNumber, inputmode: "numeric", maxlength: 20 }),
  ];
}

/** A system message (系統訊息) with Continue: `go("system-message", ...)`. */
route("system-message", ({ titleKey, textKey, onContinue }) =>
  show(() =>
    h(
      "section",
      { id: "system-message", "aria-labelledby": "system-message-title" },
      h("h2", { id: "system-message-title" }, t(titleKey)),
      h("p", { id: "system-message-text", role: "status" }, t(textKey)),
      h("button", { type: "button", id: "continue", class: "primary", "data-autofocus": true, onclick: onContinue }, t("action-continue")),
    ),
  ),
);

/**
 * The maintenance timetable (spec 3.9), on Welcome and the SSA home. The
 * operator's special windows and the next public holiday are filled in when
 * they arrive, in the language of the moment (each drawing asks again).
 */
export function maintenanceTable(): HTMLElement {
  const notices = h("div", { id: "maintenance-notices" });
  // Extra to the timetable: without them (no database, for one) it still stands.
  api.welcomeNotices().then(
    (n) => showMaintenanceNotices(notices, n),
    () => undefined,
  );
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
    notices,
  );
}

/** Fills the timetable's notices: special windows to come, the next public holiday. */
function showMaintenanceNotices(box: HTMLElement, notices: WelcomeNotices): void {
  const parts: HTMLElement[] = [];
  if (notices.specialWindows.length) {
    parts.push(
      h("h3", { id: "maintenance-special-title" }, t("maintenance-special-title")),
      h("ul", { id: "maintenance-special", "aria-labelledby": "maintenance-special-title" }, ...notices.specialWindows.map((w) => h("li", {}, w))),
    );
  }
  if (notices.nextHoliday) parts.push(h("p", { id: "next-holiday" }, notices.nextHoliday));
  box.replaceChildren(...parts);
}
