#!/usr/bin/env bash
# Measures the verification code against today's free solvers.
#
#   scripts/captcha-attack.sh [N] [--quick]
#
# Sets up the attacker's toolkit (Debian's tesseract-ocr and imagemagick;
# ddddocr from PyPI in a virtual environment under target/), draws N codes
# (default 1000) through ssa-core with their answers (the captcha-lab example,
# a build no app has), runs every clean-up pipeline with every reader and
# prints the exact reads of each. --quick runs ddddocr only. Not part of CI:
# it takes minutes; its figures are in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
shift || true
if ! command -v tesseract >/dev/null || ! command -v mogrify >/dev/null; then
  sudo=""; [[ $(id -u) == 0 ]] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends tesseract-ocr imagemagick
fi
target=${CARGO_TARGET_DIR:-target}
venv="$target/captcha-attack-venv"
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c "import ddddocr" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet ddddocr
fi
cargo build --release -p ssa-core --features captcha-lab --example captcha-lab
codes=$(mktemp -d)
trap 'rm -rf "$codes"' EXIT
"$target/release/examples/captcha-lab" images "$codes" "$n"
"$target/release/examples/captcha-lab" time 200
"$venv/bin/python" scripts/captcha_attack.py "$codes" "$@" 2> >(grep -v -e onnxruntime -e '^\s*$' >&2)
