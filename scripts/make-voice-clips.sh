#!/usr/bin/env bash
# Makes the spoken verification code's clips: each character of the code's
# alphabet said in English, Cantonese and Mandarin by espeak-ng (offline),
# with its case ("capital K"), in three voices (a low man's, a woman's, a
# higher man's, each at its own pace), trimmed, at 8 kHz, mu-law. The app
# then says every character differently each time (speech.rs). The clips are
# committed (crates/ssa-core/assets/captcha/voice-*.bin), so a build needs no
# speech engine; run this again only to change them.
#
# Needs: espeak-ng and sox (Debian: apt-get install espeak-ng sox).
# Format of a .bin: per clip, one byte (the character), a u32 little-endian
# sample count, then that many mu-law bytes; a character has one clip per
# voice.
set -euo pipefail
cd "$(dirname "$0")/.."
alphabet="23569abdefmnABDEGHMNQRT" # = CAPTCHA_CHARS
variants=("+m3 -p 35 -s 125" "+f2 -p 60 -s 140" "+m1 -p 55 -s 150")
out=crates/ssa-core/assets/captcha
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

phrase() { # language char
  local lang=$1 c=$2
  case "$lang:$c" in
    *:[0-9]) case $lang in
        en) echo "$c" ;;
        yue) echo "$c" | sed 'y/23456789/二三四五六七八九/' ;;
        cmn) echo "$c" | sed 'y/23456789/二三四五六七八九/' ;;
      esac ;;
    en:[A-Z]) echo "capital $c" ;;
    en:*) echo "small $c" ;;
    yue:[A-Z]) echo "大楷 $c" ;;
    yue:*) echo "細楷 $c" ;;
    cmn:[A-Z]) echo "大写" ;;
    cmn:*) echo "小写" ;;
  esac
}

for lang in en yue cmn; do
  bin="$tmp/voice-$lang.bin"
  : > "$bin"
  for variant in "${variants[@]}"; do
    set -- $variant
    v=$1; shift
  for ((i = 0; i < ${#alphabet}; i++)); do
    c=${alphabet:i:1}
    if [[ $lang == cmn && $c == [a-zA-Z] ]]; then
      # Debian's espeak-ng reads the Mandarin dictionary's pinyin as English
      # in its cmn voice: the pinyin voice says "大写"/"小写", and the letter's
      # name follows in English, as Mandarin speakers say it.
      espeak-ng -v "cmn-latn-pinyin$v" "$@" -w "$tmp/a.wav" "$(phrase "$lang" "$c")"
      espeak-ng -v "en$v" "$@" -w "$tmp/b.wav" "$c"
      sox "$tmp/a.wav" "$tmp/b.wav" "$tmp/c.wav"
    elif [[ $lang == cmn ]]; then
      espeak-ng -v "cmn-latn-pinyin$v" "$@" -w "$tmp/c.wav" "$(phrase "$lang" "$c")"
    else
      espeak-ng -v "$lang$v" "$@" -w "$tmp/c.wav" "$(phrase "$lang" "$c")"
    fi
    sox -q "$tmp/c.wav" -r 8000 -c 1 -e mu-law -b 8 -t raw "$tmp/c.raw" \
      vol 0.8 silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
    n=$(stat -c %s "$tmp/c.raw")
    printf '%s' "$c" >> "$bin"
    python3 -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<I', $n))" >> "$bin"
    cat "$tmp/c.raw" >> "$bin"
  done
  done
  cp "$bin" "$out/"
  echo "$out/voice-$lang.bin: $(stat -c %s "$out/voice-$lang.bin") bytes"
done
