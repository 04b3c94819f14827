//! The movement import at scale, driven by `scripts/bench-import.sh`:
//!
//! - `write-files DIR LINES SSAS` writes `stocks.csv`, `accounts.txt` (one
//!   `participant_id ssa_number` a line) and `movements.csv`: LINES
//!   movements over SSAS SSAs and twenty stocks, ordered by date as a daily
//!   feed is, every stock of every SSA moving on every business day (one
//!   closing balance a line, the import's heaviest case).
//! - `bare-insert DATABASE FILE` reads the same movement file into the same
//!   tables of a database that already has the schema and the stocks, with
//!   no rule checked: movements and running closing balances in multi-row
//!   INSERTs of 500 rows, one transaction. It prints the seconds it took.
//!   This is the floor the real import is measured against.

use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

const STOCKS: usize = 20;
const BATCH: usize = 500;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write-files", dir, lines, ssas] => write_files(
            std::path::Path::new(dir),
            lines.parse().expect("LINES is a number"),
            ssas.parse().expect("SSAS is a number"),
        ),
        ["bare-insert", database, file] => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("runtime");
            let seconds = rt.block_on(bare_insert(database, file));
            println!("{seconds:.3}");
        }
        // `cargo bench` with no arguments: nothing to do without the script.
        [] => eprintln!("import_scale: run scripts/bench-import.sh"),
        other => {
            panic!("usage: write-files DIR LINES SSAS | bare-insert DATABASE FILE; got {other:?}")
        }
    }
}

fn participant(ssa: usize) -> String {
    format!("C{:05}", 100 + ssa)
}

fn write_files(dir: &std::path::Path, lines: usize, ssas: usize) {
    std::fs::create_dir_all(dir).expect("create the folder");
    let mut stocks = String::from("stock_code,name_en,name_zh_hk,name_zh_cn\n");
    for s in 0..STOCKS {
        stocks.push_str(&format!(
            "{:05},Bench Holdings {s},基準控股{s},基准控股{s}\n",
            s + 1
        ));
    }
    std::fs::write(dir.join("stocks.csv"), stocks).expect("stocks.csv");
    let accounts: String = (0..ssas)
        .map(|a| format!("{} 01\n", participant(a)))
        .collect();
    std::fs::write(dir.join("accounts.txt"), accounts).expect("accounts.txt");

    let file = std::fs::File::create(dir.join("movements.csv")).expect("movements.csv");
    let mut out = std::io::BufWriter::new(file);
    writeln!(
        out,
        "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference"
    )
    .expect("write");
    let mut date = NaiveDate::from_ymd_opt(2023, 1, 2).expect("date");
    let mut written = 0;
    let mut day = 0usize;
    'days: loop {
        for ssa in 0..ssas {
            for stock in 0..STOCKS {
                if written == lines {
                    break 'days;
                }
                // Brought forward first; then in and out by turns, the outs
                // smaller, so no balance goes below zero.
                let (kind, qin, qout) = match (day, (day + stock) % 6) {
                    (0, _) => ("BF", "1000000", ""),
                    (_, 0) => ("WDL", "", "500"),
                    (_, 1) => ("DEP", "1200", ""),
                    (_, 2) => ("CNS", "", "300"),
                    (_, 3) => ("SI", "800", ""),
                    (_, 4) => ("ISI", "", "200"),
                    _ => ("CA", "100", ""),
                };
                writeln!(
                    out,
                    "{},{},01,{:05},{kind},{qin},{qout},R{day:05}{stock:02}",
                    date.format("%Y-%m-%d"),
                    participant(ssa),
                    stock + 1
                )
                .expect("write");
                written += 1;
            }
        }
        day += 1;
        date += Duration::days(1);
        while matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            date += Duration::days(1);
        }
    }
    out.flush().expect("flush");
}

/// One movement as the bare insert binds it.
struct Row {
    date: String,
    participant: String,
    ssa_number: String,
    stock: String,
    kind: String,
    qin: i64,
    qout: i64,
    reference: String,
}

fn read_rows(file: &str) -> impl Iterator<Item = Row> {
    let reader = csv::Reader::from_path(file).expect("open the movement file");
    reader.into_records().map(|r| {
        let r = r.expect("a CSV record");
        let num = |s: &str| {
            if s.is_empty() {
                0
            } else {
                s.parse().expect("a quantity")
            }
        };
        Row {
            date: r[0].to_owned(),
            participant: r[1].to_owned(),
            ssa_number: r[2].to_owned(),
            stock: r[3].to_owned(),
            kind: r[4].to_owned(),
            qin: num(&r[5]),
            qout: num(&r[6]),
            reference: r[7].to_owned(),
        }
    })
}

/// The closing balance after each row: the running sum per SSA and stock.
/// Every row of the bench file is its stock's only one that day, so each
/// row gives one balance row.
fn with_closing(rows: impl Iterator<Item = Row>) -> impl Iterator<Item = (Row, i64)> {
    let mut running: HashMap<(String, String, String), i64> = HashMap::new();
    rows.map(move |row| {
        let key = (
            row.participant.clone(),
            row.ssa_number.clone(),
            row.stock.clone(),
        );
        let balance = running.entry(key).or_insert(0);
        *balance += row.qin - row.qout;
        let closing = *balance;
        (row, closing)
    })
}

macro_rules! bare_insert_into {
    ($db:ty, $url:expr, $file:expr) => {{
        use sqlx::{Connection, QueryBuilder};
        let mut conn = <<$db as sqlx::Database>::Connection>::connect($url)
            .await
            .expect("connect");
        let start = Instant::now();
        let mut tx = conn.begin().await.expect("begin");
        let mut batch: Vec<(Row, i64)> = Vec::with_capacity(BATCH);
        let mut rows = with_closing(read_rows($file)).peekable();
        while rows.peek().is_some() {
            batch.clear();
            batch.extend(rows.by_ref().take(BATCH));
            let mut q = QueryBuilder::<$db>::new(
                "INSERT INTO movements (participant_id, ssa_number, settled_on, stock_code, kind, \
                 quantity_in, quantity_out, reference, imported_at) ",
            );
            q.push_values(&batch, |mut b, (r, _)| {
                b.push_bind(&r.participant)
                    .push_bind(&r.ssa_number)
                    .push_bind(&r.date)
                    .push_bind(&r.stock)
                    .push_bind(&r.kind)
                    .push_bind(r.qin)
                    .push_bind(r.qout)
                    .push_bind(&r.reference)
                    .push_bind(0i64);
            });
            q.build().execute(&mut *tx).await.expect("insert movements");
            let mut q = QueryBuilder::<$db>::new(
                "INSERT INTO balances (participant_id, ssa_number, stock_code, settled_on, closing) ",
            );
            q.push_values(&batch, |mut b, (r, closing)| {
                b.push_bind(&r.participant)
                    .push_bind(&r.ssa_number)
                    .push_bind(&r.stock)
                    .push_bind(&r.date)
                    .push_bind(*closing);
            });
            q.build().execute(&mut *tx).await.expect("insert balances");
        }
        tx.commit().await.expect("commit");
        start.elapsed().as_secs_f64()
    }};
}

async fn bare_insert(database: &str, file: &str) -> f64 {
    if database.starts_with("postgres") {
        bare_insert_into!(sqlx::Postgres, database, file)
    } else {
        let url = if database.starts_with("sqlite:") {
            database.to_owned()
        } else {
            format!("sqlite://{database}")
        };
        bare_insert_into!(sqlx::Sqlite, &url, file)
    }
}
