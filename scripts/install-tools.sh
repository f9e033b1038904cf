#!/usr/bin/env bash
# Installs the build tools Waymark needs, skipping any already present at the right version.
#
# Only crates.io, npm and Debian's packages are reachable from the machines we build on, so
# nothing here downloads from GitHub: cargo-leptos is built without its downloader, and
# wasm-opt comes from npm's `binaryen` (Debian's wasm-opt breaks hydration).
# See docs in README.md ("Tooling") for why each pin exists.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
LEPTOSFMT_VERSION=0.1.33
BINARYEN_VERSION=132.0.0
TOOLS_DIR="${WAYMARK_TOOLS_DIR:-$HOME/.cache/waymark-tools}"
root="$(cd "$(dirname "$0")/.." && pwd)"
# wasm-bindgen's CLI must equal the library version the lock file resolved.
WASM_BINDGEN_VERSION="${WASM_BINDGEN_VERSION:-$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$root/Cargo.lock")}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Downloads a crate's source from crates.io, pins one dependency of its lock file and installs it.
install_crate_from_source() {
  local name=$1 version=$2 pin_pkg=$3 pin_version=$4 features=$5
  local work
  work="$(mktemp -d)"
  curl -fsSL "https://static.crates.io/crates/$name/$name-$version.crate" | tar xz -C "$work"
  (
    cd "$work/$name-$version"
    # The published lock pins a version that needs a newer rustc (or is not served here).
    cargo update -p "$pin_pkg" --precise "$pin_version"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      CARGO_TARGET_DIR="$work/target" \
      cargo install --path . --locked $features
  )
  rm -rf "$work"
}

say "wasm32-unknown-unknown target"
rustup target add wasm32-unknown-unknown >/dev/null

if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "cargo-leptos $CARGO_LEPTOS_VERSION already installed"
else
  say "building cargo-leptos $CARGO_LEPTOS_VERSION (about 13 minutes, once)"
  install_crate_from_source cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1 "--features no_downloads"
fi

if wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION already installed"
else
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  install_crate_from_source wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10 ""
fi

if leptosfmt --version 2>/dev/null | grep -q "$LEPTOSFMT_VERSION"; then
  say "leptosfmt $LEPTOSFMT_VERSION already installed"
else
  say "building leptosfmt $LEPTOSFMT_VERSION (about 2 minutes, once)"
  cargo install --locked leptosfmt --version "$LEPTOSFMT_VERSION"
fi

if [ -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ] \
  && grep -q "\"version\": \"$BINARYEN_VERSION\"" "$TOOLS_DIR/node_modules/binaryen/package.json"; then
  say "wasm-opt (binaryen $BINARYEN_VERSION) already installed"
else
  say "installing wasm-opt from npm binaryen@$BINARYEN_VERSION"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi
