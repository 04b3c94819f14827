//! Words in three languages, through Fluent. The `.ftl` files under
//! `locales/` are embedded in the binary; the shell holds the chosen language,
//! hands the window every label in one call, and turns the core's coded errors
//! into messages. Nothing a person reads is a literal in Rust or in `ui/`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use ssa_core::domain::FieldError;
use ssa_core::SsaError;
use unic_langid::{langid, LanguageIdentifier};

/// The three languages of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub enum Language {
    #[serde(rename = "en")]
    English,
    #[serde(rename = "zh-HK")]
    TraditionalChinese,
    #[serde(rename = "zh-CN")]
    SimplifiedChinese,
}

impl Language {
    pub const ALL: [Language; 3] = [
        Language::English,
        Language::TraditionalChinese,
        Language::SimplifiedChinese,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::TraditionalChinese => "zh-HK",
            Language::SimplifiedChinese => "zh-CN",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Language::English => langid!("en"),
            Language::TraditionalChinese => langid!("zh-HK"),
            Language::SimplifiedChinese => langid!("zh-CN"),
        }
    }

    fn source(self) -> &'static str {
        match self {
            Language::English => include_str!("../../locales/en/main.ftl"),
            Language::TraditionalChinese => include_str!("../../locales/zh-HK/main.ftl"),
            Language::SimplifiedChinese => include_str!("../../locales/zh-CN/main.ftl"),
        }
    }

    /// The best of the three for a system locale such as `zh-TW`, `en-GB`
    /// or, as POSIX writes them, `zh_HK.UTF-8` or `de_DE@euro`. Traditional
    /// Chinese locales (zh-TW, zh-Hant, zh-MO) and Cantonese (yue, written in
    /// Traditional characters unless it says Hans) go to zh-HK; other Chinese
    /// ones (zh, zh-SG, zh-Hans) to zh-CN; the rest, `C` and `POSIX` and
    /// anything unreadable among them, to English.
    pub fn negotiate(requested: &str) -> Language {
        // POSIX's `language_REGION.codeset@modifier`: the codeset and the
        // modifier say nothing about the language.
        let bare = requested
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .replace('_', "-");
        let Ok(id) = bare.parse::<LanguageIdentifier>() else {
            return Language::English;
        };
        let simplified_script = id.script.is_some_and(|s| s.as_str() == "Hans");
        if id.language.as_str() == "yue" {
            return if simplified_script {
                Language::SimplifiedChinese
            } else {
                Language::TraditionalChinese
            };
        }
        if id.language.as_str() != "zh" {
            return Language::English;
        }
        let traditional_script = id.script.is_some_and(|s| s.as_str() == "Hant");
        let traditional_region = id
            .region
            .is_some_and(|r| matches!(r.as_str(), "HK" | "TW" | "MO"));
        if traditional_script || (traditional_region && !simplified_script) {
            Language::TraditionalChinese
        } else {
            Language::SimplifiedChinese
        }
    }

    /// The core's name for this language (the operator's texts).
    pub fn core(self) -> ssa_core::domain::Lang {
        match self {
            Language::English => ssa_core::domain::Lang::En,
            Language::TraditionalChinese => ssa_core::domain::Lang::ZhHk,
            Language::SimplifiedChinese => ssa_core::domain::Lang::ZhCn,
        }
    }

    pub fn from_tag(tag: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }
}

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

    /// Every message without variables, or whose variables are only the
    /// product's constants ([`constants`]): the window's labels.
    pub fn labels(&self, lang: Language) -> BTreeMap<String, String> {
        let bundle = self.bundle(lang);
        let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
        let constants = constants();
        message_ids(&resource)
            .into_iter()
            .filter(|id| {
                variables_of(&resource, id)
                    .iter()
                    .all(|v| constants.iter().any(|(name, _)| name == v))
            })
            .filter_map(|id| {
                let pattern = bundle.get_message(&id)?.value()?;
                let mut args = FluentArgs::new();
                for (name, value) in &constants {
                    args.set(*name, value.clone());
                }
                let mut errors = Vec::new();
                let text = bundle
                    .format_pattern(pattern, Some(&args), &mut errors)
                    .into_owned();
                Some((id, text))
            })
            .collect()
    }

    /// A Hong Kong time as this language writes it.
    pub fn date_time(&self, lang: Language, t: DateTime<Utc>) -> String {
        let pattern = self.text(lang, "date-time-format", None);
        t.with_timezone(&ssa_core::clock::hong_kong())
            .format(&pattern)
            .to_string()
    }

    /// A calendar day, as this language writes it.
    pub fn day(&self, lang: Language, day: chrono::NaiveDate) -> String {
        day.format(&self.text(lang, "date-format", None))
            .to_string()
    }

    /// The Hong Kong date of an instant, as this language writes it.
    pub fn date(&self, lang: Language, t: DateTime<Utc>) -> String {
        t.with_timezone(&ssa_core::clock::hong_kong())
            .format(&self.text(lang, "date-format", None))
            .to_string()
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

/// The ids of every message in a resource.
pub fn message_ids(resource: &FluentResource) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// The variables a message uses, sorted: in its text, and in a select
/// expression's selector and variants (a plural).
pub fn variables_of(resource: &FluentResource, id: &str) -> Vec<String> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn inline(e: &InlineExpression<&str>, vars: &mut Vec<String>) {
        match e {
            InlineExpression::VariableReference { id } => vars.push(id.name.to_owned()),
            InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }
    fn expression_vars(e: &Expression<&str>, vars: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, vars),
            Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
        }
    }
    fn pattern_vars(p: &Pattern<&str>, vars: &mut Vec<String>) {
        for element in &p.elements {
            if let PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }
    let mut vars = Vec::new();
    for entry in resource.entries() {
        let Entry::Message(m) = entry else { continue };
        if m.id.name != id {
            continue;
        }
        if let Some(pattern) = &m.value {
            pattern_vars(pattern, &mut vars);
        }
    }
    vars.sort();
    vars.dedup();
    vars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource(lang: Language) -> FluentResource {
        FluentResource::try_new(lang.source().to_owned()).expect("the .ftl file parses")
    }

    #[test]
    fn every_key_exists_in_all_three_languages_with_the_same_variables() {
        let english = resource(Language::English);
        let keys = message_ids(&english);
        assert!(keys.len() > 100, "the English file holds the whole product");
        for lang in [Language::TraditionalChinese, Language::SimplifiedChinese] {
            let other = resource(lang);
            let other_keys = message_ids(&other);
            for key in &keys {
                assert!(
                    other_keys.contains(key),
                    "{key} is missing in {}",
                    lang.tag()
                );
                assert_eq!(
                    variables_of(&english, key),
                    variables_of(&other, key),
                    "{key} has other variables in {}",
                    lang.tag()
                );
            }
            for key in &other_keys {
                assert!(
                    keys.contains(key),
                    "{key} in {} is not in English",
                    lang.tag()
                );
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
    fn dates_follow_the_language() {
        let l = Localizer::new();
        let t = ssa_core::clock::hong_kong_time(2026, 5, 18, 15, 31, 40).unwrap();
        assert_eq!(l.date_time(Language::English, t), "2026-05-18 15:31:40");
        assert_eq!(
            l.date_time(Language::TraditionalChinese, t),
            "2026年5月18日 15:31:40"
        );
        // Half past midnight in Hong Kong is still the day before in UTC:
        // the date shown is Hong Kong's.
        let early = ssa_core::clock::hong_kong_time(2024, 8, 16, 0, 30, 0).unwrap();
        assert_eq!(l.date(Language::SimplifiedChinese, early), "2024-08-16");
    }

    #[test]
    fn system_locales_map_to_the_three_languages() {
        for (tag, lang) in [
            ("en-US", Language::English),
            ("fr-FR", Language::English),
            ("zh-TW", Language::TraditionalChinese),
            ("zh-Hant", Language::TraditionalChinese),
            ("zh_MO", Language::TraditionalChinese),
            ("zh-HK", Language::TraditionalChinese),
            ("zh", Language::SimplifiedChinese),
            ("zh-SG", Language::SimplifiedChinese),
            ("zh-Hans-HK", Language::SimplifiedChinese),
            ("garbage!!", Language::English),
            // As POSIX locales name them (LANG, LC_ALL).
            ("C", Language::English),
            ("C.UTF-8", Language::English),
            ("POSIX", Language::English),
            ("", Language::English),
            ("xx_YY.UTF-8", Language::English),
            ("en_GB.UTF-8", Language::English),
            ("en_US@posix", Language::English),
            ("zh_HK.UTF-8", Language::TraditionalChinese),
            ("zh_TW.Big5", Language::TraditionalChinese),
            ("zh_CN.GB18030", Language::SimplifiedChinese),
            ("zh_SG.UTF-8@stroke", Language::SimplifiedChinese),
            ("yue_HK.UTF-8", Language::TraditionalChinese),
            ("yue-Hans-CN", Language::SimplifiedChinese),
        ] {
            assert_eq!(Language::negotiate(tag), lang, "{tag}");
        }
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
        assert!(
            !labels.contains_key("last-login"),
            "messages with variables are not labels"
        );
        assert!(labels.values().all(|v| !v.contains('\u{2068}')));
    }
}
