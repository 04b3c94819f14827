//! Every sentence the operator reads about a bad line of a file (statement
//! records, bulk provisioning, public holidays) or a record typed: the core
//! reports each as a typed [`LineProblem`]; the words are here, once.

use ssa_core::domain::statements::{ImportRule, LineProblem};
use ssa_core::domain::Rule;

/// A bad line, e.g. `line 3: quantity_out: the balance would be -50 ...`
/// (a record typed on the command line has no line).
pub fn problem(p: &LineProblem) -> String {
    let said = rule(p.column, &p.rule);
    match (p.line, p.column) {
        (0, "file" | "line") => said,
        (0, column) => format!("{column}: {said}"),
        (line, "file" | "line") => format!("line {line}: {said}"),
        (line, column) => format!("line {line}: {column}: {said}"),
    }
}

/// Prints each bad line on standard error.
pub fn print_problems(problems: &[LineProblem]) {
    for p in problems {
        eprintln!("{}", problem(p));
    }
}

/// A form rule broken by a value in a file, e.g. a Basic User ID's length.
fn field_rule(rule: &Rule) -> String {
    match rule {
        Rule::Required => "empty; a value is needed".into(),
        Rule::ExactLength { len } => format!("must be exactly {len} characters"),
        Rule::LengthBetween { min, max } => format!("must be {min} to {max} characters"),
        Rule::DigitsOnly => "digits 0-9 only".into(),
        Rule::LettersAndDigitsOnly => "letters A-Z, a-z and digits 0-9 only".into(),
        Rule::FullWidth => "full-width characters; use half-width".into(),
        Rule::ParticipantIdFormat => "one letter then five digits, e.g. C00088".into(),
        other => format!("breaks the rule {other:?}"),
    }
}

/// An import rule in plain words; `column` names what the value was.
pub fn rule(column: &str, rule: &ImportRule) -> String {
    match rule {
        ImportRule::EmptyFile => "the file is empty".into(),
        ImportRule::NotUtf8 => "not UTF-8 text".into(),
        ImportRule::WrongHeader { expected } => format!("the header line must be {expected}"),
        ImportRule::WrongColumnCount { expected, found } => {
            format!("{found} columns; the format has {expected}")
        }
        ImportRule::Required => "empty; a value is needed".into(),
        ImportRule::StockCodeFormat => "a stock code is 5 digits, e.g. 00700".into(),
        ImportRule::DateFormat => "a date is YYYY-MM-DD, a real day".into(),
        ImportRule::IdFormat { id_rule } => field_rule(id_rule),
        ImportRule::UnknownKind => "the kind is one of BF, CNS, SI, ISI, DEP, WDL, CA, ADJ".into(),
        ImportRule::QuantityFormat => "a quantity is a whole number from 0 to 10^15".into(),
        ImportRule::InOrOut => {
            "exactly one of quantity_in and quantity_out must be above zero".into()
        }
        ImportRule::ReferenceFormat => "a reference is 1 to 16 letters and digits".into(),
        ImportRule::NameFormat => {
            "a name is 1 to 200 characters, with no control or text-direction characters".into()
        }
        ImportRule::UnknownStock => "no such stock in the stock list (import it first)".into(),
        ImportRule::UnknownSsa => {
            "no SSA basic account has this Participant ID and SSA Number".into()
        }
        ImportRule::NegativeBalance { balance } => {
            format!("the balance would be {balance} on this date; it is never negative")
        }
        ImportRule::BackDated { latest } => format!(
            "dated before this SSA's latest movement ({latest}); a correction is a new movement"
        ),
        ImportRule::InFuture { today } => format!(
            "dated after today ({today}, Hong Kong); a movement is imported once it has settled"
        ),
        ImportRule::ReferenceReused => {
            "this reference is already used in this SSA by a movement with other content".into()
        }
        ImportRule::BroughtForwardNotFirst => {
            "a balance brought forward (BF) must be the stock's first record".into()
        }
        ImportRule::StockTwice => {
            "this stock code appears earlier in the file with other names".into()
        }
        ImportRule::HeaderWithoutPasswords { expected } => {
            format!("the header line must be {expected} (no password column: use --generate)")
        }
        ImportRule::HeaderWithPasswords { expected } => {
            format!("the header line must be {expected} (the file has passwords: leave out --generate)")
        }
        ImportRule::OnlyTheHeader => "the file holds only the header, no record".into(),
        ImportRule::PasswordFormat { password_rule } => field_rule(password_rule),
        ImportRule::AlreadyInFile { value, first_line } => match column {
            "basic_user_id" => format!(
                "{value} is on line {first_line} already; a Basic User ID is provisioned once"
            ),
            "participant_id" => format!(
                "SSA {value} is on line {first_line} already; one SSA has one basic account"
            ),
            _ => format!("{value} is on line {first_line} already; the file names it once"),
        },
        ImportRule::AlreadyInDatabase { value } => match column {
            "participant_id" => format!(
                "SSA {value} has its basic account in the database already; one SSA has one basic account"
            ),
            _ => format!("{value} is in the database already; a Basic User ID is provisioned once"),
        },
        ImportRule::OtherYear { year } => format!("not in {year}; a file holds one year"),
        ImportRule::NameTooLong { max } => format!("a name is at most {max} characters"),
    }
}
