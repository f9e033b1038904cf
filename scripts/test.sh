#!/usr/bin/env bash
# Everything `make test` runs, in order; stops at the first failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
step="starting"
say() { step="$*"; printf '\n\033[1m==> %s\033[0m\n' "$*"; }
trap 'rc=$?; [ "$rc" -eq 0 ] || printf "\n\033[1;31m==> make test failed at: %s\033[0m\n" "$step" >&2' EXIT

say "Formatting and lints"
cargo fmt --all --check
leptosfmt --check app/src > /dev/null || { leptosfmt --check app/src | grep -A40 "❌"; exit 1; }
cargo clippy --locked -p domain --features server --all-targets -- -D warnings
cargo clippy --locked -p app --features ssr --all-targets -- -D warnings
cargo clippy --locked -p server -p migrations --all-targets -- -D warnings

say "Rust unit and integration tests (SQLite)"
cargo test --locked

say "Database tests again on PostgreSQL"
# The same selection of packages as above, so nothing is rebuilt.
scripts/with-postgres.sh cargo test --locked

say "Release build (server and WebAssembly)"
cargo leptos build --release

say "Browser tests (hydrated and JavaScript off)"
cd end2end
npx playwright test
