#!/usr/bin/env bash
# Browser end-to-end test of the web viewer (`presslens serve`, `analyze --format html`) in
# headless Chromium. Needs Debian's chromium (/usr/bin/chromium) and Node.js with npm; installs
# playwright-core from package-lock.json if needed. Uses $PRESSLENS_BIN, else the release binary
# that `cargo test --workspace --release` leaves in the target directory, else builds it.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
example="$root/examples/rt-2016-12-24-assad-thanks-putin-aleppo.txt"

bin=${PRESSLENS_BIN:-}
if [ -z "$bin" ]; then
  target=${CARGO_TARGET_DIR:-$root/target}
  bin="$target/release/presslens"
  if [ ! -x "$bin" ] || [ "${WEB_TESTS_BUILD:-0}" = 1 ]; then
    (cd "$root" && cargo build --release -p presslens-cli)
  fi
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "web-tests: needs Chromium at /usr/bin/chromium (apt-get install -y chromium)" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi

mkdir -p out
"$bin" analyze --format jsonl "$example" hostile.txt > out/results.jsonl
"$bin" analyze --format html "$example" hostile.txt > out/static.html
node e2e.mjs "$bin" out
