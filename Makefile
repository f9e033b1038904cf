# Waymark: `make run` to try it, `make test` to prove it. See README.md.

SHELL := /bin/bash
# Tools installed by scripts/install-tools.sh: cargo's bin folder and npm's binaryen (wasm-opt).
export PATH := $(HOME)/.cargo/bin:$(HOME)/.cache/waymark-tools/node_modules/.bin:$(PATH)

.PHONY: run test bench bench-import crash tools test-deps build lint fmt clean

## Build, migrate, seed the demo trust (first time only) and serve at http://127.0.0.1:3000.
run: tools build
	./target/release/waymark demo --if-empty
	./target/release/waymark serve

## Every test: unit, integration on SQLite and PostgreSQL, browser end-to-end.
test: tools test-deps
	scripts/test.sh

## The portfolio at 200,000 entries against a static file of the same size (prints figures).
bench: tools
	cargo bench --locked -p server --bench portfolio

# Preview and apply a staff import of 2,000 and of 20,000 rows, and print the times.
bench-import:
	cargo bench --locked -p server --bench import

## Kill the server with SIGKILL in the middle of a thousand writes, on SQLite and on
## PostgreSQL, and print what was acknowledged and what survived (also part of `make test`).
crash: tools test-deps
	cargo test --locked -p server --test api -- crash:: --nocapture
	scripts/with-postgres.sh cargo test --locked -p server --test api -- crash:: --nocapture

## The release build: server binary and the WebAssembly/CSS site in target/site.
build: tools
	cargo leptos build --release

tools:
	scripts/install-tools.sh

test-deps:
	scripts/install-test-deps.sh

## Lay out the code: view! markup by leptosfmt (leptosfmt.toml), the rest by rustfmt.
fmt:
	# Twice: leptosfmt 0.1.33 sometimes settles a nested expression only on a second pass.
	leptosfmt -q app/src && leptosfmt -q app/src
	cargo fmt --all

lint:
	cargo fmt --all --check
	leptosfmt --check app/src > /dev/null
	cargo clippy --locked -p domain --features server --all-targets -- -D warnings
	cargo clippy --locked -p app --features ssr --all-targets -- -D warnings
	cargo clippy --locked -p server -p migrations --all-targets -- -D warnings

clean:
	cargo clean
	rm -rf data end2end/test-results
