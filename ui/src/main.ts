// Entry point: ask the shell for the language and labels, then show Welcome,
// or only the start-up error when the service layer could not start. The
// screens are imported for what they register with the router.
import { show, start } from "./app";
import { h } from "./dom";
import { t } from "./i18n";
import { go } from "./router";
import "./forms";
import "./screens/welcome";
import "./screens/register";
import "./screens/passwords";
import "./screens/home";
import "./screens/statements";
import "./screens/recovery";
import "./screens/pages";

async function main(): Promise<void> {
  const info = await start();
  if (info.startupError) {
    const error = info.startupError;
    // Trying again cannot help here (e.g. the key is missing from the
    // keyring): the headline says what happened, the message whom to call.
    show(() =>
      h(
        "section",
        { class: "startup-error", role: "alert", "aria-labelledby": "startup-error-title" },
        h("h2", { id: "startup-error-title", tabindex: "-1", "data-autofocus": true }, t("startup-error-title")),
        h("p", { id: "startup-error" }, error.message),
      ),
    );
    return;
  }
  go("welcome");
}

void main();
