#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, the service layer's tests on
# SQLite and on a throwaway PostgreSQL, the real OS keyring, the shell's tests
# (with and without the test-only captcha feature), and the end-to-end tests
# that drive the real release window under Xvfb. Needs scripts/install-deps.sh
# to have run once on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
# The server's tests hold 2,000 idle connections, both ends in one process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

echo "== formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

echo "== throwaway PostgreSQL"
read -r pg_dir pg_url < <(scripts/throwaway-postgres.sh start)
trap 'scripts/throwaway-postgres.sh stop "$pg_dir"' EXIT
export SSA_TEST_POSTGRES_URL=$pg_url SSA_REQUIRE_POSTGRES=1
# Over TLS, the server's certificate checked against the run's CA: libpq
# (psql) and sqlx both read these, and the server refuses clear connections.
export PGSSLMODE=verify-full PGSSLROOTCERT=$pg_dir/ca.pem

echo "== tests: service layer (SQLite, PostgreSQL, OS keyring) and shell"
scripts/with-keyring.sh cargo test --workspace --exclude ssa-e2e

echo "== the window's TypeScript against the generated bindings"
npm --prefix ui run --silent check

echo "== tests: shell with the test-only captcha feature"
cargo test -p ssa-desktop --features e2e-captcha --test shell --test every_command

echo "== end-to-end: the release window under Xvfb"
# The test build first (its own binary, ssa-desktop-test-build, with fixed
# codes and a TEST BUILD banner), then the build the installers ship, which
# overwrites target/release/ssa-desktop: the e2e suite checks that this one
# draws random codes whatever SSA_E2E_CAPTCHA_ANSWER says.
cargo build --release -p ssa-desktop --features e2e-captcha --bin ssa-desktop-test-build
cargo build --release -p ssa-desktop --bin ssa-desktop
SSA_E2E_APP=$target/release/ssa-desktop-test-build \
  SSA_SHIPPED_APP=$target/release/ssa-desktop SSA_REQUIRE_E2E=1 \
  xvfb-run -a -s "-screen 0 1280x900x24" \
  scripts/with-keyring.sh cargo test -p ssa-e2e -- --test-threads=1
echo "== installers: build, lint, install, run, remove"
# After the e2e suite: the bundler rebuilds target/release/ssa-desktop.
scripts/package-test.sh
echo "screenshots: test-output/e2e/"
