// Entry point: ask the shell for the language and labels, then show Welcome,
// or only the start-up error when the service layer could not start. The
// start-up guard comes first, so that anything failing while the rest loads
// ends on a page that says so (never a blank window); the screens are
// imported for what they register with the router.
import { failStartup, started } from "./startup";
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
  if (info.testStartupFault === "script") {
    // The test build breaks its own start-up on request, to show the guard works.
    window.setTimeout(() => {
      throw new Error("start-up broken on purpose (test build)");
    });
    return;
  }
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
    started();
    return;
  }
  go("welcome");
  started();
}

main().catch(failStartup);
