//! The demo history (demo mode, and `ssa-admin demo-statements`): about
//! three years of movements over fifteen real Hong Kong stocks, made from a
//! fixed seed and ending on a given day, so the same day gives the same
//! history and no large file is kept in the repository. Every kind of
//! movement appears, two stocks are sold to zero, and the last few
//! movements are kept apart ([`DemoPart::Latest`]) so that demo mode can
//! deliver them after the first login ("new since your last login").

use chrono::{Datelike, Duration, NaiveDate, Weekday};

mod setup;
pub use setup::{deliver_latest_movements, provision, DemoAccount, DemoLogin};

use crate::domain::statements::MovementKind;
use crate::service::{MOVEMENT_HEADER, STOCK_HEADER};

/// Real stocks of the Hong Kong exchange: code, English, Traditional and
/// Simplified Chinese names.
pub const DEMO_STOCKS: [(&str, &str, &str, &str); 15] = [
    ("00001", "CKH HOLDINGS", "長和", "长和"),
    ("00002", "CLP HOLDINGS", "中電控股", "中电控股"),
    ("00003", "HK & CHINA GAS", "香港中華煤氣", "香港中华煤气"),
    ("00005", "HSBC HOLDINGS", "滙豐控股", "汇丰控股"),
    ("00011", "HANG SENG BANK", "恒生銀行", "恒生银行"),
    ("00016", "SHK PPT", "新鴻基地產", "新鸿基地产"),
    ("00027", "GALAXY ENT", "銀河娛樂", "银河娱乐"),
    ("00066", "MTR CORPORATION", "港鐵公司", "港铁公司"),
    ("00388", "HKEX", "香港交易所", "香港交易所"),
    ("00700", "TENCENT", "騰訊控股", "腾讯控股"),
    ("00939", "CCB", "建設銀行", "建设银行"),
    ("00941", "CHINA MOBILE", "中國移動", "中国移动"),
    ("01299", "AIA", "友邦保險", "友邦保险"),
    ("02318", "PING AN", "中國平安", "中国平安"),
    ("03988", "BANK OF CHINA", "中國銀行", "中国银行"),
];

/// Movements kept for after the demo account's first login.
pub const LATEST_MOVEMENTS: usize = 3;

/// Which part of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoPart {
    All,
    /// All but the last few.
    Earlier,
    /// The last few.
    Latest,
}

/// The stock file.
pub fn stocks_csv() -> String {
    let mut out = STOCK_HEADER.join(",") + "\n";
    for (code, en, hk, cn) in DEMO_STOCKS {
        let en = if en.contains(',') {
            format!("\"{en}\"")
        } else {
            en.to_owned()
        };
        out.push_str(&format!("{code},{en},{hk},{cn}\n"));
    }
    out
}

/// The movement file of one SSA, ending on `end`.
pub fn movements_csv(
    participant_id: &str,
    ssa_number: &str,
    end: NaiveDate,
    part: DemoPart,
) -> String {
    let lines = history(end);
    let split = lines.len().saturating_sub(LATEST_MOVEMENTS);
    let chosen = match part {
        DemoPart::All => &lines[..],
        DemoPart::Earlier => &lines[..split],
        DemoPart::Latest => &lines[split..],
    };
    let mut out = MOVEMENT_HEADER.join(",") + "\n";
    for m in chosen {
        let (qin, qout) = if m.delta >= 0 {
            (m.delta.to_string(), String::new())
        } else {
            (String::new(), (-m.delta).to_string())
        };
        out.push_str(&format!(
            "{},{participant_id},{ssa_number},{},{},{qin},{qout},{}\n",
            m.date.format("%Y-%m-%d"),
            DEMO_STOCKS[m.stock].0,
            m.kind.code(),
            m.reference
        ));
    }
    out
}

struct DemoMovement {
    date: NaiveDate,
    stock: usize,
    kind: MovementKind,
    delta: i64,
    reference: String,
}

/// A small, fixed pseudo-random sequence (xorshift64).
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn history(end: NaiveDate) -> Vec<DemoMovement> {
    let start = end - Duration::days(3 * 365);
    let mut rng = Seeded(0x55A_D35C_70C0_FFEE);
    let mut held = [0i64; DEMO_STOCKS.len()];
    let mut out = Vec::new();
    let mut reference = 0u32;
    let mut push = |out: &mut Vec<DemoMovement>, date, stock, kind, delta| {
        reference += 1;
        out.push(DemoMovement {
            date,
            stock,
            kind,
            delta,
            reference: format!("D{reference:07}"),
        });
    };
    // Ten stocks brought forward on the first day; the others arrive later.
    for (stock, balance) in held.iter_mut().enumerate().take(10) {
        let qty = 100 * (5 + rng.below(60) as i64);
        *balance = qty;
        push(&mut out, start, stock, MovementKind::BroughtForward, qty);
    }
    let sold_out = [6usize, 13]; // GALAXY ENT and PING AN are sold to zero
    let sell_day = start + Duration::days(700);
    let mut day = start + Duration::days(1);
    while day <= end {
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if weekday && rng.below(100) < 55 {
            let stock = rng.below(DEMO_STOCKS.len() as u64) as usize;
            let kinds = [
                MovementKind::ExchangeTrades,
                MovementKind::ExchangeTrades,
                MovementKind::SettlementInstruction,
                MovementKind::InvestorSettlementInstruction,
                MovementKind::Deposit,
                MovementKind::Withdrawal,
                MovementKind::CorporateAction,
                MovementKind::Adjustment,
            ];
            let kind = kinds[rng.below(kinds.len() as u64) as usize];
            let lots = 1 + rng.below(20) as i64;
            let outgoing = matches!(kind, MovementKind::Withdrawal)
                || (matches!(
                    kind,
                    MovementKind::ExchangeTrades | MovementKind::SettlementInstruction
                ) && rng.below(2) == 0);
            let gone = sold_out.contains(&stock) && day >= sell_day;
            if gone {
                // Sold: nothing more moves in it.
            } else if outgoing {
                let qty = (100 * lots).min(held[stock]);
                if qty > 0 {
                    held[stock] -= qty;
                    push(&mut out, day, stock, kind, -qty);
                }
            } else {
                held[stock] += 100 * lots;
                push(&mut out, day, stock, kind, 100 * lots);
            }
        }
        if day == sell_day {
            for stock in sold_out {
                if held[stock] > 0 {
                    let qty = held[stock];
                    held[stock] = 0;
                    push(&mut out, day, stock, MovementKind::ExchangeTrades, -qty);
                }
            }
        }
        day += Duration::days(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
    }

    #[test]
    fn the_same_day_gives_the_same_history() {
        assert_eq!(
            movements_csv("C00088", "01", end(), DemoPart::All),
            movements_csv("C00088", "01", end(), DemoPart::All)
        );
    }

    #[test]
    fn every_kind_appears_and_some_stocks_end_at_zero() {
        let lines = history(end());
        assert!(lines.len() > 300, "about three years: {}", lines.len());
        for kind in MovementKind::ALL {
            assert!(lines.iter().any(|m| m.kind == kind), "{kind:?} missing");
        }
        let mut held = [0i64; DEMO_STOCKS.len()];
        for m in &lines {
            held[m.stock] += m.delta;
            assert!(held[m.stock] >= 0, "never negative");
        }
        assert_eq!(held[6], 0);
        assert_eq!(held[13], 0);
        assert_eq!(lines.last().map(|m| m.date <= end()), Some(true));
    }

    #[test]
    fn the_parts_make_the_whole() {
        let all = movements_csv("C00088", "01", end(), DemoPart::All);
        let earlier = movements_csv("C00088", "01", end(), DemoPart::Earlier);
        let latest = movements_csv("C00088", "01", end(), DemoPart::Latest);
        assert_eq!(latest.lines().count(), 1 + LATEST_MOVEMENTS);
        assert_eq!(
            all.lines().count() + 1,
            earlier.lines().count() + latest.lines().count()
        );
    }
}
