//! The three languages of the product, and which one a system locale asks for.

use serde::{Deserialize, Serialize};
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

    pub(super) fn langid(self) -> LanguageIdentifier {
        match self {
            Language::English => langid!("en"),
            Language::TraditionalChinese => langid!("zh-HK"),
            Language::SimplifiedChinese => langid!("zh-CN"),
        }
    }

    pub(super) fn source(self) -> &'static str {
        match self {
            Language::English => include_str!("../../../locales/en/main.ftl"),
            Language::TraditionalChinese => include_str!("../../../locales/zh-HK/main.ftl"),
            Language::SimplifiedChinese => include_str!("../../../locales/zh-CN/main.ftl"),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
