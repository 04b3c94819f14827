// The words of the current language, as the shell hands them over. The window
// holds no text of its own: every label is looked up here by its Fluent key,
// typed by the generated `LabelKey` so a mistyped key fails `tsc`.
import type { AppInfo } from "./ipc";
import type { LabelKey } from "./bindings/LabelKey";

export type { LabelKey };

let labels: Record<string, string> = {};

export function setLabels(info: AppInfo): void {
  labels = info.labels as Record<string, string>;
  document.documentElement.lang = info.language;
}

/** The label `key`, its slots (`{$page}`) filled from `args`. */
export function t(key: LabelKey, args?: Record<string, string>): string {
  const text = labels[key] ?? key;
  if (!args) return text;
  return text.replace(/\{\$([A-Za-z][\w-]*)\}/g, (slot, name: string) => args[name] ?? slot);
}
