#!/usr/bin/env bash
# Measures the verification code against today's free solvers.
#
#   scripts/captcha-attack.sh [N] [--quick]     # the picture
#   scripts/captcha-attack.sh --audio [N] [LANG...] # the spoken code
#
# The picture: sets up the attacker's toolkit (Debian's tesseract-ocr and
# imagemagick; ddddocr from PyPI in a virtual environment under target/),
# draws N codes (default 1000) through ssa-core with their answers (the
# captcha-lab example, a build no app has), runs every clean-up pipeline with
# every reader and prints the exact reads of each. --quick runs ddddocr only.
#
# The spoken code: speaks N codes (default 1000) in each language (en, yue,
# cmn, or those named) as the app sends them, then reads them with matched
# filtering (waveform and spectrum, every shipped clip over a grid of paces),
# dynamic time warping and, for English, pocketsphinx 5 with a grammar of
# what a code can say; prints what each read and each character's STOI. A
# positive control first reads 200 codes spoken the old way (one fixed clip
# per character), to show the attacks work.
#
# Not part of CI: it takes minutes (the audio, about an hour on 2 cores);
# its figures are in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}

if [[ ${1:-} == --audio ]]; then
  shift
  n=${1:-1000}
  shift || true
  langs=("$@")
  [[ ${#langs[@]} -gt 0 ]] || langs=(en yue cmn)
  venv="$target/captcha-audio-venv"
  if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c "import pocketsphinx, pystoi, scipy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy scipy pystoi pocketsphinx
  fi
  cargo build --release -p ssa-core --features captcha-lab --example captcha-lab
  sounds=$(mktemp -d)
  trap 'rm -rf "$sounds"' EXIT
  "$venv/bin/python" scripts/captcha_audio_attack.py en --control 200
  for lang in "${langs[@]}"; do
    "$target/release/examples/captcha-lab" sounds "$sounds/$lang" "$n" "$lang" 1000001
    "$venv/bin/python" -W ignore scripts/captcha_audio_attack.py "$lang" "$sounds/$lang" &
  done
  wait
  exit 0
fi

n=${1:-1000}
shift || true
if ! command -v tesseract >/dev/null || ! command -v mogrify >/dev/null; then
  sudo=""; [[ $(id -u) == 0 ]] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends tesseract-ocr imagemagick
fi
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
