//! Dates and quantities as a person reads them: the one policy.
//!
//! The core hands typed values (`NaiveDate`, `i64`). The window formats
//! what it draws with the platform's `Intl` (`ui/src/format.ts`); every text
//! the shell writes (messages, CSV, PDF) is formatted here, with the same
//! CLDR patterns: en-HK `d MMM y` / `MMMM y` (en-001's "Sept"),
//! zh-Hant-HK and zh-Hans-CN `y年M月d日` / `y年M月`, and groups of three
//! digits split by a comma in all three. The e2e test
//! `one_statement_reads_alike_on_screen_in_csv_and_pdf` compares this module
//! with the window's `Intl`, in each language.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::i18n::Language;

const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
];

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_index(date: NaiveDate) -> usize {
    date.month0() as usize % 12
}

/// A day, e.g. `27 Nov 2026` or `2026年11月27日`.
pub fn day(lang: Language, date: NaiveDate) -> String {
    match lang {
        Language::English => format!(
            "{} {} {}",
            date.day(),
            SHORT_MONTHS[month_index(date)],
            date.year()
        ),
        Language::TraditionalChinese | Language::SimplifiedChinese => {
            format!("{}年{}月{}日", date.year(), date.month(), date.day())
        }
    }
}

/// The month a day falls in, e.g. `November 2026` or `2026年11月`.
pub fn month(lang: Language, date: NaiveDate) -> String {
    match lang {
        Language::English => format!("{} {}", LONG_MONTHS[month_index(date)], date.year()),
        Language::TraditionalChinese | Language::SimplifiedChinese => {
            format!("{}年{}月", date.year(), date.month())
        }
    }
}

/// A Hong Kong instant: its day as [`day`] writes it, then the time.
pub fn date_time(lang: Language, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&ssa_core::clock::hong_kong());
    format!(
        "{} {}",
        day(lang, local.date_naive()),
        local.format("%H:%M:%S")
    )
}

/// The Hong Kong day of an instant, as [`day`] writes it.
pub fn date(lang: Language, t: DateTime<Utc>) -> String {
    day(
        lang,
        t.with_timezone(&ssa_core::clock::hong_kong()).date_naive(),
    )
}

/// A whole number of shares, e.g. `1,234,500` or `-400`. The three
/// languages group alike, so `lang` only keeps every caller saying whose
/// reader it writes for.
pub fn quantity(_lang: Language, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// What `Intl.DateTimeFormat` and `Intl.NumberFormat` give for en-HK,
    /// zh-HK and zh-CN (ICU 72 in WebKitGTK, ICU 78 in node alike).
    #[test]
    fn days_months_and_quantities_read_as_cldr_writes_them() {
        let en = Language::English;
        let hk = Language::TraditionalChinese;
        let cn = Language::SimplifiedChinese;
        assert_eq!(day(en, d(2026, 11, 27)), "27 Nov 2026");
        assert_eq!(day(en, d(2026, 9, 7)), "7 Sept 2026");
        assert_eq!(day(hk, d(2026, 1, 7)), "2026年1月7日");
        assert_eq!(day(cn, d(2026, 12, 31)), "2026年12月31日");
        assert_eq!(month(en, d(2026, 9, 30)), "September 2026");
        assert_eq!(month(hk, d(2026, 10, 31)), "2026年10月");
        assert_eq!(month(cn, d(2026, 5, 1)), "2026年5月");
        for lang in Language::ALL {
            assert_eq!(quantity(lang, 0), "0");
            assert_eq!(quantity(lang, 999), "999");
            assert_eq!(quantity(lang, 1000), "1,000");
            assert_eq!(quantity(lang, 1_234_500), "1,234,500");
            assert_eq!(quantity(lang, -1_234_567), "-1,234,567");
            assert_eq!(quantity(lang, i64::MIN), "-9,223,372,036,854,775,808");
        }
    }

    #[test]
    fn an_instant_is_written_in_hong_kong_time() {
        // 23:30 UTC is 07:30 the next day in Hong Kong.
        let t = Utc.with_ymd_and_hms(2026, 5, 17, 23, 30, 5).unwrap();
        assert_eq!(date_time(Language::English, t), "18 May 2026 07:30:05");
        assert_eq!(
            date_time(Language::TraditionalChinese, t),
            "2026年5月18日 07:30:05"
        );
        assert_eq!(date(Language::SimplifiedChinese, t), "2026年5月18日");
        // Half past midnight in Hong Kong is still the day before in UTC:
        // the date shown is Hong Kong's.
        let early = ssa_core::clock::hong_kong_time(2024, 8, 16, 0, 30, 0).unwrap();
        assert_eq!(date(Language::SimplifiedChinese, early), "2024年8月16日");
    }
}
