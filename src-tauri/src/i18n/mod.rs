//! Words in three languages, through Fluent. The `.ftl` files under
//! `locales/` are embedded in the binary; the shell holds the chosen language,
//! hands the window every label in one call, and turns the core's coded errors
//! into messages. Nothing a person reads is a literal in Rust or in `ui/`.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;
use ssa_core::domain::FieldError;
use ssa_core::SsaError;

mod ftl;
mod language;

use ftl::chooses_by_variable;
pub use ftl::{message_ids, variables_of};
pub use language::Language;

/// A message for one field, next to which the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldMessage {
    /// The field's id, e.g. `internet-user-id`.
    pub field: String,
    pub message: String,
}

/// An error as it crosses to the window: the core's code and data, and the
/// message in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct UiError {
    pub code: String,
    #[ts(type = "unknown")]
    pub args: serde_json::Value,
    pub message: String,
    pub fields: Vec<FieldMessage>,
}

impl UiError {
    /// A fault before the words could be looked up (the failure page shows
    /// it under its own text in three languages).
    pub fn internal(detail: &str) -> Self {
        Self {
            code: "internal".into(),
            args: serde_json::Value::Null,
            message: detail.into(),
            fields: Vec::new(),
        }
    }
}

/// The three bundles.
pub struct Localizer {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

impl Default for Localizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Localizer {
    pub fn new() -> Self {
        let bundles = Language::ALL
            .into_iter()
            .map(|lang| (lang, bundle(lang)))
            .collect();
        Self { bundles }
    }

    fn bundle(&self, lang: Language) -> &FluentBundle<FluentResource> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
            .unwrap_or(&self.bundles[0].1)
    }

    /// The message `key` in `lang`, with `args`. A missing key shows as the
    /// key itself, which the completeness test keeps from ever shipping.
    pub fn text(&self, lang: Language, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, language = lang.tag(), "missing message");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// The window's labels: every message, the product's constants
    /// ([`constants`]) filled in, and each other variable left as a slot
    /// `{$name}` that the window's `t(key, args)` fills. A message that
    /// chooses its words by a variable (a plural) is not a label: only the
    /// shell, holding the value, can say it.
    pub fn labels(&self, lang: Language) -> BTreeMap<String, String> {
        let bundle = self.bundle(lang);
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
        let constants = constants();
        message_ids(&resource)
            .into_iter()
            .filter(|id| !chooses_by_variable(&resource, id))
            .filter_map(|id| {
                let pattern = bundle.get_message(&id)?.value()?;
                let mut args = FluentArgs::new();
                for name in variables_of(&resource, &id) {
                    let value = match constants.iter().find(|(c, _)| *c == name) {
                        Some((_, value)) => value.clone(),
                        None => format!("{{${name}}}"),
                    };
                    args.set(name, value);
                }
                let mut errors = Vec::new();
                let text = bundle
                    .format_pattern(pattern, Some(&args), &mut errors)
                    .into_owned();
                Some((id, text))
            })
            .collect()
    }

    fn field_name(&self, lang: Language, field: &str) -> String {
        self.text(lang, &format!("field-{field}"), None)
    }

    /// One field's broken rule as a sentence naming the field.
    pub fn field_message(&self, lang: Language, error: &FieldError) -> FieldMessage {
        let json = serde_json::to_value(error).unwrap_or_default();
        let field = json["field"].as_str().unwrap_or_default().to_owned();
        let rule = json["rule"].as_str().unwrap_or_default().to_owned();
        let mut args = args_from(&json, &["field", "rule"]);
        args.set("field", self.field_name(lang, &field));
        FieldMessage {
            message: self.text(lang, &format!("rule-{rule}"), Some(&args)),
            field,
        }
    }

    /// The core's error in words.
    pub fn error(&self, lang: Language, error: &SsaError) -> UiError {
        let json = serde_json::to_value(error).unwrap_or_default();
        let code = error.code().to_owned();
        let args_json = json.get("args").cloned().unwrap_or(serde_json::Value::Null);
        let fields: Vec<FieldMessage> = error
            .field_errors()
            .iter()
            .map(|e| self.field_message(lang, e))
            .collect();
        let args = args_from(&args_json, &[]);
        UiError {
            message: self.text(lang, &format!("error-{code}"), Some(&args)),
            args: if fields.is_empty() {
                args_json
            } else {
                serde_json::Value::Null
            },
            code,
            fields,
        }
    }
}

fn bundle(lang: Language) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Without this every placeable is wrapped in U+2068/U+2069 marks that
    // show up in the window.
    bundle.set_use_isolating(false);
    // A resource is added once per bundle; duplicates are caught by the tests.
    let _ = bundle.add_resource(resource);
    bundle
}

/// Values the words may name that are defined once in the core, not in
/// the `.ftl` files: the characters a verification code can have, and the
/// weekly maintenance hours.
pub fn constants() -> Vec<(&'static str, String)> {
    let mut out = vec![("codeCharacters", ssa_core::code_characters())];
    out.extend(ssa_core::service::maintenance::hours());
    out
}

fn args_from<'a>(json: &serde_json::Value, skip: &[&str]) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    if let Some(map) = json.as_object() {
        for (k, v) in map {
            if skip.contains(&k.as_str()) {
                continue;
            }
            match v {
                serde_json::Value::Number(n) => {
                    args.set(k.clone(), FluentValue::from(n.as_f64().unwrap_or_default()))
                }
                serde_json::Value::String(s) => args.set(k.clone(), FluentValue::from(s.clone())),
                _ => {}
            }
        }
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(lang: Language) -> FluentResource {
        FluentResource::try_new(lang.source().to_owned()).expect("the .ftl file parses")
    }

    /// A server sends the core's refusal as JSON; a remote client reads it
    /// back and says it in the reader's language, word for word as the
    /// embedded window does.
    #[test]
    fn a_refusal_read_back_from_json_says_the_same_words() {
        use ssa_core::domain::{Field, Rule};
        use strum::IntoEnumIterator;
        let l = Localizer::new();
        let mut errors: Vec<SsaError> = SsaError::iter()
            .filter(|e| !matches!(e, SsaError::RecordsRefused { .. }))
            .collect();
        errors.push(SsaError::Invalid(vec![
            Rule::ExactLength { len: 8 }.at(Field::InternetUserId),
            Rule::CaptchaPaused { seconds: 30 }.at(Field::Captcha),
        ]));
        errors.push(SsaError::CurrentBasicPasswordWrong { attempts_left: 2 });
        for e in &errors {
            let json = serde_json::to_string(e).unwrap();
            let back: SsaError =
                serde_json::from_str(&json).unwrap_or_else(|err| panic!("{json}: {err}"));
            for lang in Language::ALL {
                let (said, read) = (l.error(lang, e), l.error(lang, &back));
                assert_eq!(said.message, read.message, "{json}");
                assert_eq!(said.code, read.code);
                let fields = |u: &UiError| {
                    u.fields
                        .iter()
                        .map(|f| (f.field.clone(), f.message.clone()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(fields(&said), fields(&read), "{json}");
            }
        }
    }

    #[test]
    fn every_error_code_field_and_rule_has_words() {
        use ssa_core::domain::{Field, Rule};
        use strum::IntoEnumIterator;
        let l = Localizer::new();
        // Every variant, so a new one cannot be forgotten here; those with
        // data get their fields' defaults (0, ""), which the words must take.
        let fields: Vec<Field> = Field::iter().collect();
        let rules: Vec<Rule> = Rule::iter().collect();
        let errors: Vec<SsaError> = SsaError::iter().collect();
        assert!(errors.contains(&SsaError::RecoveryNotConfirmed));
        for lang in Language::ALL {
            for &field in &fields {
                for rule in &rules {
                    let m = l.field_message(lang, &rule.clone().at(field));
                    assert!(
                        !m.message.starts_with("rule-"),
                        "{rule:?} in {}",
                        lang.tag()
                    );
                    assert!(!m.message.contains("field-"), "{field:?} in {}", lang.tag());
                }
            }
            for e in &errors {
                let m = l.error(lang, e).message;
                assert!(!m.starts_with("error-"), "{e:?} in {}", lang.tag());
                assert!(!m.contains('{'), "unfilled variable in {m}");
            }
        }
    }

    #[test]
    fn a_field_error_names_the_field_and_the_rule_in_each_language() {
        use ssa_core::domain::{Field, Rule};
        let l = Localizer::new();
        let e = Rule::LengthBetween { min: 13, max: 15 }.at(Field::InternetPassword);
        assert_eq!(
            l.field_message(Language::English, &e).message,
            "Internet User Password must be 13 to 15 characters."
        );
        assert_eq!(
            l.field_message(Language::TraditionalChinese, &e).message,
            "互聯網使用者密碼長度必須為 13 至 15 位。"
        );
        assert_eq!(
            l.field_message(Language::SimplifiedChinese, &e).message,
            "互联网使用者密码长度必须为 13 至 15 位。"
        );
        assert_eq!(
            l.field_message(Language::English, &e).field,
            "internet-password"
        );
    }

    #[test]
    fn the_words_take_the_cores_constants_in_every_language() {
        let l = Localizer::new();
        for lang in [
            Language::English,
            Language::TraditionalChinese,
            Language::SimplifiedChinese,
        ] {
            let labels = l.labels(lang);
            let hint = &labels["hint-captcha"];
            assert!(hint.ends_with(&ssa_core::code_characters()), "{hint}");
            assert!(!hint.contains('{'), "{hint}");
            let [(_, from), (_, to), (_, sunday_from), (_, sunday_to)] =
                ssa_core::service::maintenance::hours();
            for (key, a, b) in [
                ("maintenance-weekdays-hours", &from, &to),
                ("maintenance-sunday-hours", &sunday_from, &sunday_to),
                ("faq-a8", &from, &sunday_to),
            ] {
                let text = &labels[key];
                assert!(
                    text.contains(a.as_str()) && text.contains(b.as_str()),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn labels_have_no_isolation_marks() {
        let labels = Localizer::new().labels(Language::English);
        assert_eq!(labels["action-login"], "Login");
        assert!(labels.values().all(|v| !v.contains('\u{2068}')));
    }

    #[test]
    fn a_message_with_variables_reaches_the_window_with_slots() {
        let l = Localizer::new();
        let en = l.labels(Language::English);
        assert_eq!(en["page-of"], "Page {$page} of {$pages}");
        assert_eq!(
            l.labels(Language::TraditionalChinese)["page-of"],
            "第 {$page} 頁，共 {$pages} 頁"
        );
        for (id, text) in &en {
            assert!(!text.contains("{$codeCharacters}"), "{id}: {text}");
        }
        // A plural is chosen by the shell, which holds the number.
        let source = resource(Language::English);
        let plurals: Vec<String> = message_ids(&source)
            .into_iter()
            .filter(|id| chooses_by_variable(&source, id))
            .collect();
        for id in &plurals {
            assert!(!en.contains_key(id), "{id} is chosen by a number");
        }
    }
}
