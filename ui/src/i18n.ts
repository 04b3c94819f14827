// The words of the current language, as the shell hands them over. The window
// holds no text of its own: every label is looked up here by its Fluent key.
import type { AppInfo } from "./ipc";

let labels: Record<string, string> = {};

export function setLabels(info: AppInfo): void {
  labels = info.labels as Record<string, string>;
  document.documentElement.lang = info.language;
}

export function t(key: string): string {
  return labels[key] ?? key;
}
