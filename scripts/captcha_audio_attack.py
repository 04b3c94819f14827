"""Reads spoken verification codes the way a program would, and measures how
intelligible each character stays for a person.

    python captcha_audio_attack.py LANG DIR [--no-sphinx]
    python captcha_audio_attack.py LANG --control N [--no-sphinx]
    python captcha_audio_attack.py LANG DIR --stoi-only

DIR holds what `captcha-lab sounds DIR N LANG` wrote: the WAVs the app would
send, their answers, and each character as said before the equaliser and the
babble. The attacker has what ships in the binary: every clip of every voice
(crates/ssa-core/assets/captcha/voice-LANG.bin). It knows how the code is
spoken (speech.rs) and searches the transforms it applies over a grid:

  waveform   matched filtering: the normalised cross-correlation of every
             clip, resampled at every rate of the grid, along the track after
             a high-pass filter; the five best non-overlapping matches, in
             order, are the code.
  spectrum   the same on log spectrograms (what survives a random phase and
             a little drift), with the grid of rates and every clip.
  dtw        the spectrum attack's five places, each read by dynamic time
             warping against every clip (what follows any drift of pace).
  sphinx     (English) pocketsphinx 5 with its own model and a grammar of
             exactly what the code can say.

--control is the positive control: N codes spoken as the app spoke them
before (each character's clip unchanged at a gain of 0.75-1, over a quiet
murmur and a rumble), read by the same attacks, to show that they work.

It prints, for each, codes read exactly and characters read right, and the
STOI of each character as said in the code against its clean form (the same
voice at the same pace, before the equaliser and the babble).
"""

import struct
import sys
from pathlib import Path

import numpy as np
from scipy import signal
from scipy.io import wavfile

RATE = 8000
RATES = np.round(np.arange(0.88, 1.1201, 0.03), 2)  # the grid of paces (the code's range)


def mu_law(b):
    b = ~b.astype(np.uint8)
    sign = b & 0x80
    exponent = (b >> 4) & 0x07
    mantissa = (b & 0x0F).astype(np.int32)
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(sign != 0, -magnitude, magnitude).astype(np.float32)


def load_clips(lang):
    data = Path(f"crates/ssa-core/assets/captcha/voice-{lang}.bin").read_bytes()
    clips = []
    i = 0
    while i + 5 <= len(data):
        ch = chr(data[i])
        (n,) = struct.unpack("<I", data[i + 1 : i + 5])
        clips.append((ch, mu_law(np.frombuffer(data[i + 5 : i + 5 + n], dtype=np.uint8))))
        i += 5 + n
    return clips


HIGH_PASS = signal.butter(4, 300, "highpass", fs=RATE, output="sos")


def high_pass(x):
    """300 Hz up, and (to halve the work) down to 4 kHz sampling: speech's
    shape lies below 2 kHz, so the matched filter loses nothing it uses."""
    return signal.decimate(signal.sosfilt(HIGH_PASS, x), 2).astype(np.float32)


def resample(x, rate):
    """x said `rate` times as fast (pitch and pace together, as speech.rs)."""
    pos = np.arange(0, len(x) - 1, rate)
    return np.interp(pos, np.arange(len(x)), x).astype(np.float32)


def templates(clips):
    out = []
    for ch, clip in clips:
        for r in RATES:
            out.append((ch, r, high_pass(resample(clip, r))))
    return out


def pick(best, which, lengths, n=5):
    """The n best non-overlapping matches, in time order."""
    best = best.copy()
    found = []
    for _ in range(n):
        t = int(np.argmax(best))
        if not np.isfinite(best[t]) or best[t] <= -1:
            break
        k = which[t]
        found.append((t, k))
        half = lengths[k] // 2
        best[max(0, t - half) : t + lengths[k] - half // 2] = -np.inf
    return sorted(found)


SIZE = 1 << 16  # longer than any track and clip together, at 4 kHz


class Waveform:
    """Matched filtering, every clip at every rate of the grid."""

    def __init__(self, temps):
        from scipy import fft

        self.fft = fft
        self.chars = [ch for ch, _, _ in temps]
        self.lengths = np.array([len(t) for _, _, t in temps])
        self.norms = np.array([np.linalg.norm(t) for _, _, t in temps])
        self.spectra = np.conj(
            np.stack([fft.rfft(t, SIZE).astype(np.complex64) for _, _, t in temps])
        )

    def read(self, track):
        x = high_pass(track)[: SIZE // 2]
        n = len(x)
        X = self.fft.rfft(x, SIZE).astype(np.complex64)
        csum = np.concatenate([[0.0], np.cumsum(x.astype(np.float64) ** 2)])
        best = np.full(n, -np.inf)
        which = np.zeros(n, dtype=np.int64)
        for start in range(0, len(self.chars), 64):
            corr = self.fft.irfft(self.spectra[start : start + 64] * X, SIZE, axis=1, workers=-1)
            for i, row in enumerate(corr):
                k = start + i
                m = self.lengths[k]
                if m >= n:
                    continue
                energy = np.sqrt(np.maximum(csum[m:] - csum[:-m], 1e-9)) * self.norms[k]
                score = row[: n - m + 1] / energy
                better = score > best[: n - m + 1]
                best[: n - m + 1][better] = score[better]
                which[: n - m + 1][better] = k
        return "".join(self.chars[k] for _, k in pick(best, which, self.lengths))


FRAME, HOP = 256, 80
BANDS = 40


def spectrogram(x):
    _, _, z = signal.stft(x, fs=RATE, nperseg=FRAME, noverlap=FRAME - HOP, boundary=None)
    mag = np.abs(z)[1:-1]
    # Pool into bands a third of an octave wide or so (log spacing).
    edges = np.unique(np.geomspace(1, len(mag), BANDS + 1).astype(int))
    pooled = np.add.reduceat(mag, edges[:-1], axis=0)
    return np.log1p(pooled / 50.0).astype(np.float32)


def spec_templates(clips):
    out = []
    for ch, clip in clips:
        for r in RATES[::2]:
            s = spectrogram(resample(clip, r))
            s = s - s.mean()
            out.append((ch, r, s / (np.linalg.norm(s) + 1e-9)))
    return out


def spectrum_attack(track, temps):
    S = spectrogram(track)
    n = S.shape[1]
    best = np.full(n, -np.inf)
    which = np.zeros(n, dtype=np.int64)
    lengths = []
    for k, (_, _, t) in enumerate(temps):
        m = t.shape[1]
        lengths.append(m)
        if m >= n:
            continue
        win = np.lib.stride_tricks.sliding_window_view(S, m, axis=1)  # F, n-m+1, m
        dot = np.einsum("fnm,fm->n", win, t)
        mean = win.mean(axis=(0, 2))
        sq = np.einsum("fnm,fnm->n", win, win)
        norm = np.sqrt(np.maximum(sq - mean**2 * t.size, 1e-9))
        score = dot / norm
        better = score > best[: n - m + 1]
        best[: n - m + 1][better] = score[better]
        which[: n - m + 1][better] = k
    found = pick(best, which, lengths)
    return "".join(temps[k][0] for _, k in found), [(t, lengths[k]) for t, k in found], S


def dtw_cost(a, b):
    """Dynamic time warping of two feature sequences (frames as columns),
    with the path's cost per step."""
    a = (a - a.mean(axis=0)) / (a.std(axis=0) + 1e-6)
    b = (b - b.mean(axis=0)) / (b.std(axis=0) + 1e-6)
    d = np.sqrt(np.maximum(((a[:, :, None] - b[:, None, :]) ** 2).sum(axis=0), 0))
    n, m = d.shape
    # Steps (1,0), (1,1) and (1,2): the segment's frames each matched once,
    # the clip's at any pace from half to twice as fast.
    acc = np.full((n + 1, m + 2), np.inf)
    acc[0, 1] = 0
    for i in range(1, n + 1):
        prev = acc[i - 1]
        acc[i, 2:] = d[i - 1] + np.minimum(np.minimum(prev[2:], prev[1:-1]), prev[:-2])
    return acc[n, m + 1] / n


def dtw_attack(S, places, clip_specs):
    out = ""
    for t, m in places:
        seg = S[:, t : t + m]
        costs = [(dtw_cost(seg, spec), ch) for ch, spec in clip_specs]
        out += min(costs)[1]
    return out


def sphinx_reader():
    from pocketsphinx import Decoder

    words = {
        "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "9": "nine",
    }
    letters = sorted({c.lower() for c in ALPHABET if c.isalpha()})
    grammar = (
        "#JSGF V1.0;\ngrammar code;\n"
        "public <code> = <item> <item> <item> <item> <item>;\n"
        "<item> = <digit> | <case> <letter>;\n"
        f"<digit> = {' | '.join(words[d] for d in ALPHABET if d.isdigit())};\n"
        "<case> = capital | small;\n"
        f"<letter> = {' | '.join(letters)};\n"
    )
    path = Path("/tmp/ssa-captcha-grammar.jsgf")
    path.write_text(grammar)
    decoder = Decoder(jsgf=str(path), loglevel="FATAL")
    back = {v: k for k, v in words.items()}

    def read(track):
        audio = signal.resample_poly(track, 2, 1)
        pcm = np.clip(audio, -32768, 32767).astype(np.int16).tobytes()
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        text = hyp.hypstr.split() if hyp else []
        out, case = "", None
        for w in text:
            if w in back:
                out += back[w]
            elif w in ("capital", "small"):
                case = w
            else:
                out += w.upper() if case == "capital" else w.lower()
        return out

    return read


ALPHABET = "23569abdefmnABDEGHMNQRT"


def sayings(track, said, clean):
    """Each character of a code as said in it, and its clean form."""
    out = []
    offset = 0
    for ch, at, n in said:
        ref = clean[offset : offset + n]
        offset += n
        deg = track[at : at + n]
        if len(deg) == n:
            out.append((ch, ref, deg))
    return out


def stoi_by_character(pairs):
    """STOI needs about 0.4 s of speech; a character ("two") can be shorter,
    so each character's sayings are measured in groups of four, one after
    another, and the groups' figures averaged."""
    from pystoi import stoi

    out = {}
    for ch, items in pairs.items():
        values = []
        for g in range(0, len(items), 4):
            group = items[g : g + 4]
            ref = np.concatenate([r for r, _ in group])
            deg = np.concatenate([d for _, d in group])
            values.append(stoi(ref, deg, RATE, extended=False))
        out[ch] = float(np.mean(values))
    return out


def control_codes(clips, n):
    """Codes spoken the old way (speech.rs before the spoken code was
    hardened): one fixed clip per character, barely hidden."""
    rng = np.random.default_rng(1)
    by_char = {}
    for ch, clip in clips:
        by_char.setdefault(ch, []).append(clip)
    for _ in range(n):
        answer = "".join(rng.choice(list(ALPHABET), 5))
        track = [np.zeros(int(RATE * rng.uniform(0.5, 0.8)), np.float32)]
        for ch in answer:
            options = by_char[ch]
            track.append(options[rng.integers(len(options))] * rng.uniform(0.75, 1.0))
            track.append(np.zeros(int(RATE * rng.uniform(0.35, 0.7)), np.float32))
        track = np.concatenate(track)
        for _ in range(7):
            clip = clips[rng.integers(len(clips))][1][::-1] * rng.uniform(0.08, 0.14)
            at = rng.integers(len(track))
            end = min(len(track), at + len(clip))
            track[at:end] += clip[: end - at]
        brown = np.cumsum(rng.uniform(-1, 1, len(track))) * 0.08
        brown = signal.lfilter([1], [1, -0.995], np.diff(brown, prepend=0))
        track += (np.clip(brown, -1, 1) * 1400).astype(np.float32)
        yield answer, track.astype(np.float32)


def main():
    lang = sys.argv[1]
    if sys.argv[2] == "--control":
        return control(lang, int(sys.argv[3]))
    folder = Path(sys.argv[2])
    sphinx = lang == "en" and "--no-sphinx" not in sys.argv
    stoi_only = "--stoi-only" in sys.argv
    clips = load_clips(lang)
    waveform = None if stoi_only else Waveform(templates(clips))
    stemps = spec_templates(clips)
    clip_specs = [(ch, spectrogram(clip)) for ch, clip in clips]
    read_sphinx = sphinx_reader() if sphinx and not stoi_only else None
    attacks = [] if stoi_only else ["waveform", "spectrum", "dtw"] + (["sphinx"] if sphinx else [])
    exact = {a: 0 for a in attacks}
    chars = {a: 0 for a in attacks}
    stois = {}
    lines = (folder / "answers.txt").read_text().split("\n")
    codes = 0
    for line in lines:
        if not line.strip():
            continue
        name, answer, *parts = line.split()
        said = [(p.split(":")[0], int(p.split(":")[1]), int(p.split(":")[2])) for p in parts]
        _, track = wavfile.read(folder / name)
        track = track.astype(np.float32)
        clean = np.fromfile(folder / name.replace(".wav", ".clean"), dtype="<f4")
        for ch, ref, deg in sayings(track, said, clean):
            stois.setdefault(ch, []).append((ref, deg))
        reads = {}
        if not stoi_only:
            reads["waveform"] = waveform.read(track)
            reads["spectrum"], places, S = spectrum_attack(track, stemps)
            reads["dtw"] = dtw_attack(S, places, clip_specs)
        if read_sphinx and not stoi_only:
            reads["sphinx"] = read_sphinx(track)
        for a, got in reads.items():
            exact[a] += got == answer
            chars[a] += sum(g == c for g, c in zip(got, answer))
        codes += 1
    print(f"{lang}: {codes} codes")
    for a in attacks:
        print(
            f"  {a:9} read {exact[a]:4} of {codes} codes exactly ({100 * exact[a] / codes:.1f} %),"
            f" {100 * chars[a] / (5 * codes):.1f} % of characters in place"
        )
    per_char = stoi_by_character(stois)
    worst = min(per_char, key=per_char.get)
    print(
        f"  STOI: mean {np.mean(list(per_char.values())):.3f} over the {len(per_char)} characters;"
        f" lowest {worst!r} {per_char[worst]:.3f};"
        f" characters below 0.45: {sum(v < 0.45 for v in per_char.values())}"
    )
    if "--stoi-each" in sys.argv:
        print("  " + " ".join(f"{c}:{v:.2f}" for c, v in sorted(per_char.items(), key=lambda x: x[1])))


def control(lang, n):
    clips = load_clips(lang)
    waveform = Waveform(templates(clips))
    stemps = spec_templates(clips)
    read_sphinx = sphinx_reader() if lang == "en" and "--no-sphinx" not in sys.argv else None
    exact = {}
    for answer, track in control_codes(clips, n):
        reads = {"waveform": waveform.read(track), "spectrum": spectrum_attack(track, stemps)[0]}
        if read_sphinx:
            reads["sphinx"] = read_sphinx(track)
        for a, got in reads.items():
            exact[a] = exact.get(a, 0) + (got == answer)
    print(f"{lang} control (the old spoken code): {n} codes")
    for a, k in exact.items():
        print(f"  {a:9} read {k:4} of {n} codes exactly ({100 * k / n:.1f} %)")


if __name__ == "__main__":
    main()
