//! Text the operator writes in the product's three languages: English is
//! required, each Chinese text is optional and falls back to English.

use serde::Serialize;

/// The three languages the operator writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-HK")]
    ZhHk,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

/// One text in English and, where the operator gave them, Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Localized {
    pub en: String,
    pub zh_hk: Option<String>,
    pub zh_cn: Option<String>,
}

impl Localized {
    /// The text in `lang`, or in English where that language has none.
    pub fn get(&self, lang: Lang) -> &str {
        let chosen = match lang {
            Lang::En => None,
            Lang::ZhHk => self.zh_hk.as_deref(),
            Lang::ZhCn => self.zh_cn.as_deref(),
        };
        chosen.filter(|t| !t.trim().is_empty()).unwrap_or(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_blank_chinese_text_falls_back_to_english() {
        let text = Localized {
            en: "Holiday hours".into(),
            zh_hk: Some("假期服務時間".into()),
            zh_cn: Some("  ".into()),
        };
        assert_eq!(text.get(Lang::En), "Holiday hours");
        assert_eq!(text.get(Lang::ZhHk), "假期服務時間");
        assert_eq!(text.get(Lang::ZhCn), "Holiday hours");
    }
}
