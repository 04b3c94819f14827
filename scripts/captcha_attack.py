#!/usr/bin/env python3
"""Reads verification codes with the attacker's toolkit and counts exact reads.

Usage: captcha_attack.py DIR [--quick]
DIR holds NNNNN.png and answers.txt ("NNNNN.png ANSWER" a line), as written by
`captcha-lab images`. For every clean-up pipeline (ImageMagick `mogrify` over a
copy of the folder), it runs ddddocr and Tesseract 5 (--psm 7 and --psm 8, the
code's alphabet as whitelist) and prints, per pipeline and reader, how many
codes were read exactly (case counts) and how many up to case. Both ddddocr
models (the default and `beta=True`) answer in lower case, so their exact reads
are the codes without a capital; the reads up to case tell how well they see
the shapes.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

ALPHABET = "23569abdefmnABDEGHMNQRT"  # = CAPTCHA_CHARS

# Each clean-up is a list of ImageMagick options; a pipeline is a sequence of them.
# Debian 12's ImageMagick 6 has no -auto-threshold: a stretch to the full range, then the middle,
# or a local adaptive threshold for a background that varies.
GREY_MEDIAN_THRESHOLD = ["-colorspace", "Gray", "-median", "3", "-normalize", "-threshold", "50%"]
GREY_MEDIAN_LOCAL_THRESHOLD = ["-colorspace", "Gray", "-median", "3", "-negate", "-lat", "25x25+10%", "-negate"]
OPENING = ["-colorspace", "Gray", "-negate", "-morphology", "Open", "Rectangle:2x2", "-negate"]
OPENING_3 = ["-colorspace", "Gray", "-negate", "-morphology", "Open", "Disk:1.5", "-negate"]
UPSCALE = ["-resize", "200%"]
PIPELINES = {
    "raw": [],
    "grey+median+threshold": [GREY_MEDIAN_THRESHOLD],
    "grey+median+local threshold": [GREY_MEDIAN_LOCAL_THRESHOLD],
    "opening": [OPENING],
    "opening(disk)": [OPENING_3],
    "upscale": [UPSCALE],
    "grey+median+threshold, upscale": [GREY_MEDIAN_THRESHOLD, UPSCALE],
    "opening, upscale": [OPENING, UPSCALE],
    "opening, grey+median+threshold": [OPENING, GREY_MEDIAN_THRESHOLD],
    "opening, grey+median+threshold, upscale": [OPENING, GREY_MEDIAN_THRESHOLD, UPSCALE],
    "opening, grey+median+local threshold, upscale": [OPENING, GREY_MEDIAN_LOCAL_THRESHOLD, UPSCALE],
    "upscale, opening, grey+median+threshold": [UPSCALE, OPENING, GREY_MEDIAN_THRESHOLD],
}


def answers(directory):
    out = {}
    with open(os.path.join(directory, "answers.txt"), encoding="utf-8") as f:
        for line in f:
            name, answer = line.split()
            out[name] = answer
    return out


def clean(src, dst, steps):
    shutil.copytree(src, dst)
    files = sorted(f for f in os.listdir(dst) if f.endswith(".png"))
    for step in steps:
        subprocess.run(["mogrify", *step, *files], cwd=dst, check=True)


def ddddocr_reads(directory, names, beta):
    import ddddocr
    ocr = ddddocr.DdddOcr(show_ad=False, beta=beta)
    reads = {}
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            reads[name] = ocr.classification(f.read()).strip()
    return reads


def tesseract_reads(directory, names, psm):
    # One Tesseract process for the whole list: its output holds one page per
    # image, each ended by a form feed.
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("".join(os.path.join(directory, n) + "\n" for n in names))
    try:
        r = subprocess.run(
            ["tesseract", listing.name, "stdout", "--psm", str(psm),
             "-c", "tessedit_char_whitelist=" + ALPHABET],
            capture_output=True, text=True)
    finally:
        os.unlink(listing.name)
    pages = r.stdout.split("\f")
    return {n: "".join(pages[i].split()) if i < len(pages) else "" for i, n in enumerate(names)}


def split(items, parts):
    return [items[i::parts] for i in range(parts)]


def run_reader(args):
    reader, directory, names = args
    if reader.startswith("ddddocr"):
        return ddddocr_reads(directory, names, beta=reader.endswith("beta"))
    return tesseract_reads(directory, names, int(reader.split()[-1]))


def main():
    directory = sys.argv[1]
    quick = "--quick" in sys.argv
    truth = answers(directory)
    names = sorted(truth)
    readers = ["ddddocr", "ddddocr beta"]
    if not quick:
        readers += ["tesseract psm 7", "tesseract psm 8"]
    workers = os.cpu_count() or 2
    best = (0, "", "")
    print(f"{len(names)} codes; exact reads (case counts) / up to case")
    with tempfile.TemporaryDirectory() as tmp, ProcessPoolExecutor(workers) as pool:
        for label, steps in PIPELINES.items():
            work = os.path.join(tmp, str(abs(hash(label))))
            clean(directory, work, steps)
            row = []
            for reader in readers:
                reads = {}
                for part in pool.map(run_reader, [(reader, work, chunk) for chunk in split(names, workers)]):
                    reads.update(part)
                exact = sum(reads[n] == truth[n] for n in names)
                folded = sum(reads[n].lower() == truth[n].lower() for n in names)
                row.append(f"{reader}: {exact} / {folded}")
                if exact > best[0]:
                    best = (exact, label, reader)
            print(f"{label:45s} " + "   ".join(row), flush=True)
            shutil.rmtree(work)
    print(f"best: {best[0]} of {len(names)} exact ({100.0 * best[0] / len(names):.1f} %), "
          f"{best[2] or '-'} after {best[1] or '-'}")


if __name__ == "__main__":
    main()
