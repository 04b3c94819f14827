//! Benchmark, not part of the suite (ignored): the statement screens' times
//! through WebDriver and the app's memory after them.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use ssa_e2e::{clock_offset, Account, App, Options, Run, DEMO};

/// The proportional set size of the app and every process under it, in kB.
fn pss_of_app_tree(binary_name: &str) -> u64 {
    let mut parent_of = std::collections::HashMap::new();
    let mut roots = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
        let ppid: u32 = after
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        parent_of.insert(pid, ppid);
        let cmd = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if cmd
            .split('\0')
            .next()
            .unwrap_or_default()
            .ends_with(binary_name)
        {
            roots.push(pid);
        }
    }
    let under = |mut pid: u32| {
        while pid > 1 {
            if roots.contains(&pid) {
                return true;
            }
            pid = parent_of.get(&pid).copied().unwrap_or(0);
        }
        false
    };
    parent_of
        .keys()
        .filter(|pid| under(**pid))
        .map(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
                .unwrap_or_default()
                .lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Movements to its first page drawn, a daily statement to its table drawn
/// (medians of 7 in the page's own clock), in the demo account and in one
/// with 10,000 movements; and the memory after every statement screen
/// against the home page's. Not part of the suite:
///
/// `SSA_E2E_APP=... xvfb-run -a scripts/with-keyring.sh cargo test -p ssa-e2e --release -- --ignored --nocapture bench_statement_screens`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn bench_statement_screens() {
    let Some(run) = Run::app().await else { return };
    let name = run
        .binary
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut rows = Vec::new();

    // The demo account.
    let app = run
        .launch("bench-statements-demo", Options::default())
        .await;
    app.at_home_on(DEMO, "bench001").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let pss_home = pss_of_app_tree(&name);
    let (movements, daily) = time_screens(&app).await;
    rows.push(("demo account", movements, daily));
    // Every statement screen once more (Movements and Daily were timed):
    // the monthly statement, holdings, and a stock's chart.
    app.click("#menu-monthly").await;
    app.wait_for("#monthly-statement").await;
    app.click("#statements-back").await;
    app.click("#menu-holdings").await;
    app.click("#holdings tbody tr button").await;
    app.wait_for("#balance-chart").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let pss_statements = pss_of_app_tree(&name);
    app.quit().await;

    // An account with 10,000 movements (13 a day over twenty-odd months,
    // ending today), fed as the operator would, then opened in the window.
    {
        use std::sync::Arc;
        let secrets = Arc::new(ssa_core::KeyringSecretStore::new(
            ssa_core::KeyringSecretStore::SERVICE,
            "argon2-pepper-demo",
        ));
        let url = format!("sqlite://{}", run.data.path().join("ssa-demo.db").display());
        let ssa = ssa_core::Ssa::open(&url, secrets, Arc::new(ssa_core::SystemClock))
            .await
            .unwrap();
        ssa.provision_basic_account(
            "87654321",
            "C00099",
            "02",
            &secrecy::SecretString::from("33334444"),
        )
        .await
        .unwrap();
        let today = ssa_core::clock::hong_kong_date(chrono::Utc::now() + clock_offset());
        let codes = ["00001", "00005", "00700", "00941", "01299", "00388"];
        let mut file = String::from(
            "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n",
        );
        for i in 0..10_000i64 {
            let date = today - chrono::Duration::days((9_999 - i) / 13);
            let code = codes[(i % codes.len() as i64) as usize];
            let (qin, qout) = if i < codes.len() as i64 {
                ("1000000", "")
            } else if (i / 6) % 4 == 3 {
                ("", "100")
            } else {
                ("300", "")
            };
            let kind = if i < codes.len() as i64 { "BF" } else { "ADJ" };
            file.push_str(&format!(
                "{},C00099,02,{code},{kind},{qin},{qout},T{i}\n",
                date.format("%Y-%m-%d")
            ));
        }
        let report = ssa
            .import_movements(file.as_bytes(), false, &mut |_| {})
            .await
            .unwrap();
        assert_eq!(report.added, 10_000, "{:?}", report.problems);
    }
    let app = run.launch("bench-statements-10k", Options::default()).await;
    let account = Account {
        basic_user_id: "87654321",
        participant_id: "C00099",
        ssa_number: "02",
        basic_password: "33334444",
    };
    app.at_home_on(account, "bench999").await;
    let (movements, daily) = time_screens(&app).await;
    rows.push(("10,000 movements", movements, daily));
    app.quit().await;

    println!("| account | Movements → first page drawn | daily statement → table drawn |");
    println!("|---|---|---|");
    for (account, m, d) in rows {
        println!("| {account} | {m:.1} ms | {d:.1} ms |");
    }
    println!(
        "PSS home {pss_home} kB, after every statement screen {pss_statements} kB, ratio {:.2}",
        pss_statements as f64 / pss_home as f64
    );
}

/// Medians of 7: Movements from home to its first page; a daily statement
/// from the list of dates to its table.
async fn time_screens(app: &App) -> (f64, f64) {
    let mut movements = Vec::new();
    for _ in 0..7 {
        movements.push(
            app.timed_click("#menu-movements", "#movements tbody tr")
                .await,
        );
        app.click("#statements-back").await;
        app.wait_for("#menu-daily").await;
    }
    app.click("#menu-daily").await;
    app.wait_for("#statement-dates button").await;
    let mut daily = Vec::new();
    for _ in 0..7 {
        // Leave the statement, then pick a date again.
        app.click("#enquiry-show").await;
        app.wait_for("#statement-dates button").await;
        daily.push(
            app.timed_click("#statement-dates button", "#daily-statement table")
                .await,
        );
    }
    app.click("#statements-back").await;
    app.wait_for("#menu-movements").await;
    (median(movements), median(daily))
}
