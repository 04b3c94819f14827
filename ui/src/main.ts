// Entry point: ask the shell for the language and labels, then show Welcome,
// or only the start-up error when the service layer could not start.
import { show, start } from "./app";
import { h } from "./dom";
import { t } from "./i18n";
import { welcome } from "./screens/welcome";

async function main(): Promise<void> {
  const info = await start();
  if (info.startupError) {
    const error = info.startupError;
    show(() =>
      h("section", { class: "startup-error", role: "alert" }, h("h2", {}, t("error-internal")), h("p", { id: "startup-error" }, error.message)),
    );
    return;
  }
  welcome();
}

void main();
