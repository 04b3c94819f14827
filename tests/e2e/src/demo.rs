//! The demo account's statement history, as the generator makes it, and the
//! figures the statement screens must show from it.

/// The demo history as the generator makes it for `end`: (date, code,
/// change) per movement, in file order.
pub fn demo_history(end: chrono::NaiveDate) -> Vec<(String, String, i64)> {
    use ssa_core::demo::{movements_csv, DemoPart};
    movements_csv("C00088", "01", end, DemoPart::All)
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let q = |s: &str| s.parse::<i64>().unwrap_or(0);
            (f[0].to_owned(), f[3].to_owned(), q(f[5]) - q(f[6]))
        })
        .collect()
}

/// The balance of `code` at the end of `date`: its changes up to that day.
pub fn balance_on(history: &[(String, String, i64)], code: &str, date: &str) -> i64 {
    history
        .iter()
        .filter(|(d, c, _)| c == code && d.as_str() <= date)
        .map(|(_, _, change)| change)
        .sum()
}

/// A quantity as the window shows it, back to a number.
pub fn shown_number(text: &str) -> i64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.parse().unwrap_or(0)
}
