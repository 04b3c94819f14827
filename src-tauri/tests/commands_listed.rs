//! The app's commands are declared once, in `build.rs` (`COMMANDS`, from
//! which tauri-build makes each `allow-` permission). Every other place
//! that names them must name the same ones: the handler list in `lib.rs`,
//! the window's capability, the functions in `commands.rs` and the calls in
//! `ui/src/ipc.ts`. A command added in one place and not the others fails
//! here, before it fails at run time as "command not allowed" or "not found".

use std::collections::BTreeSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted words between `start` and the next `end`.
fn quoted_between(text: &str, start: &str, end: &str) -> BTreeSet<String> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"))
        + start.len();
    let to = from + text[from..].find(end).expect("end");
    text[from..to]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn declared() -> BTreeSet<String> {
    let names = quoted_between(&read("build.rs"), "const COMMANDS: &[&str] = &[", "];");
    assert!(names.len() > 20, "{names:?}");
    names
}

#[test]
fn the_handler_list_names_every_declared_command() {
    let lib = read("src/lib.rs");
    let from = lib.find("generate_handler![").expect("generate_handler!");
    let to = from + lib[from..].find("])").expect("end of the list");
    let handled: BTreeSet<String> = lib[from..to]
        .split("commands::")
        .skip(1)
        .map(|s| {
            s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(handled, declared());
}

#[test]
fn the_window_is_allowed_exactly_the_declared_commands() {
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/main.json")).unwrap();
    let allowed: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(allowed, declared());
}

#[test]
fn every_declared_command_is_a_function_and_the_window_calls_only_those() {
    let source = read("src/commands.rs");
    let functions: BTreeSet<String> = source
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub async fn ")
                .or_else(|| l.strip_prefix("pub fn "))
        })
        .map(|l| l.split(['(', '<']).next().unwrap_or("").to_owned())
        .collect();
    let declared = declared();
    assert!(
        declared.is_subset(&functions),
        "{:?}",
        declared.difference(&functions)
    );
    let ipc = read("../ui/src/ipc.ts");
    let called: BTreeSet<String> = ipc
        .split("invoke<")
        .skip(1)
        .filter_map(|s| s.split('"').nth(1).map(str::to_owned))
        .collect();
    assert_eq!(called, declared);
}
