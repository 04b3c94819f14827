#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, the service layer's tests on
# SQLite and on a throwaway PostgreSQL, the real OS keyring test, and the
# end-to-end tests that drive the real window. Needs scripts/install-deps.sh
# to have run once on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings

echo "== throwaway PostgreSQL"
read -r pg_dir pg_url < <(scripts/throwaway-postgres.sh start)
trap 'scripts/throwaway-postgres.sh stop "$pg_dir"' EXIT
export SSA_TEST_POSTGRES_URL=$pg_url SSA_REQUIRE_POSTGRES=1

echo "== tests (SQLite, PostgreSQL, OS keyring)"
scripts/with-keyring.sh cargo test --workspace
