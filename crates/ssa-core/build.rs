// New migration files must rebuild the crate: sqlx::migrate! embeds them.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
