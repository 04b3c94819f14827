//! Hello world: one page that says it is ready, as SSA Desktop's window does.

#[tauri::command]
fn app_info() -> &'static str {
    if let Ok(t0) = std::env::var("SSA_BENCH_T0") {
        report_ready(&t0);
    }
    "hello"
}

fn report_ready(t0: &str) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let start: u128 = t0.parse().unwrap_or(now);
    eprintln!("bench-ready-ms {}", now.saturating_sub(start));
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![app_info])
        .run(tauri::generate_context!())
        .expect("hello window runs");
}
