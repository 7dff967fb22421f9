"""Build the dedup test set (tests/fixtures/dedup/*.json) from the seed pages.

    .venv/bin/python tools/build_dedup_set.py [--seeds /work/shared/seeds] [--out tests/fixtures/dedup]

The seeds are the visible text of five real pages (one speech each, or
compilations of six and nine speeches on one topic). Each speech found in
them becomes an *original*; every original must stay a speech of its own
(the compilation items are different speeches on the same topic: the hard
negatives). Each original then gets variants that must merge into it:

- repost:          same text, other whitespace and full-/half-width punctuation
- paragraph_dropped: one inner paragraph left out
- masks_filled:    placeholder masks (X, XX, ***) filled with names and figures,
                   or, for a speech without masks, figures masked as a site would
- promo_left_in:   a "下面是小编为大家整理的…" teaser and a promo sentence glued
                   to a paragraph, as a careless site leaves them
- combined:        promo left in and a paragraph dropped and whitespace changed
- seed_repost / seed_near_copy: items the seed compilations themselves repeat
                   (one verbatim, one edited, Jaccard 0.86)

The output is committed; tests read only the committed files.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.minhash import jaccard, shingle_hashes  # noqa: E402

ITEM_HEADING = re.compile(r"^(.{6,60}?)(\s*第\s*\d+\s*篇|篇\s*\d+)$")
END_MARKERS = ("推荐访问", "猜你喜欢", "扩展阅读文章", "推荐阅读文章", "相关热词搜索", "上一篇")
PROMO = re.compile(r"下面是.{0,40}(小编|整理)|供大家参考|希望大家喜欢|投稿作者|位置:|点击:")
MASK = re.compile(r"\*{2,3}|XX|xx|X")
FILL = {"***": "李建国", "**": "王明", "XX": "城关", "xx": "东城", "X": "张"}
MAX_NEAR_ORIGINALS = 0.3  # originals more similar than this are not "different speeches"


def paragraphs_of(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        text = line.strip().strip("\u3000").strip()
        if len(text) < 8 or text.startswith("•") or PROMO.search(text):
            continue
        if re.fullmatch(r"[\d\-: ]+", text):  # a date line
            continue
        out.append(text)
    return out


def speeches_of(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if any(line.strip().startswith(m) for m in END_MARKERS):
            lines = lines[:i]
            break
    headings = [(i, m.group(0).strip()) for i, line in enumerate(lines)
                if (m := ITEM_HEADING.match(line.strip()))]
    if not headings:
        title = next(t for line in lines if len(t := line.strip()) >= 8
                     and not PROMO.search(t) and "首页" not in t and ">" not in t)
        return [{"title": title, "paragraphs": [p for p in paragraphs_of(lines[1:]) if p != title]}]
    out = []
    for n, (start, heading) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        out.append({"title": heading, "paragraphs": paragraphs_of(lines[start + 1 : end])})
    return out


def drop_paragraph(paras: list[str], rng: random.Random) -> list[str]:
    total = sum(map(len, paras))
    inner = list(range(1, len(paras) - 1)) or list(range(len(paras)))
    small = [i for i in inner if len(paras[i]) <= 0.2 * total] or [min(inner, key=lambda i: len(paras[i]))]
    gone = rng.choice(small)
    return [p for i, p in enumerate(paras) if i != gone]


def fill_masks(paras: list[str]) -> list[str]:
    if any(MASK.search(p) for p in paras):
        return [MASK.sub(lambda m: FILL[m.group(0)], p) for p in paras]
    return [re.sub(r"\d+(\.\d+)?", "X", p) for p in paras]  # mask figures instead


def respace(paras: list[str]) -> list[str]:
    table = str.maketrans({",": ",", ":": ":", ";": ";", "(": "(", ")": ")"})
    return ["\u3000\u3000" + p.translate(table) + "  " for p in paras]


def promo(title: str, paras: list[str], rng: random.Random) -> list[str]:
    teaser = f"下面是小编为大家整理的{title},供大家参考。"
    out = [teaser] + list(paras)
    k = rng.randrange(1, len(out))
    out[k] = out[k] + f"下面是众鑫文档网小编给大家带来的{title[:12]}讲话稿,希望大家喜欢。"
    return out


def build(seeds: Path, out_dir: Path, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    originals: list[dict[str, object]] = []
    seed_copies: list[dict[str, object]] = []
    for path in sorted(seeds.glob("*.txt")):
        for n, speech in enumerate(speeches_of(path)):
            if sum(map(len, speech["paragraphs"])) < 300 or len(speech["paragraphs"]) < 3:
                continue
            body = "\n".join(speech["paragraphs"])
            sh = shingle_hashes(body)
            near = [(jaccard(sh, shingle_hashes(o["body"])), o) for o in originals]
            best = max(near, key=lambda x: x[0], default=(0.0, None))
            if best[0] > MAX_NEAR_ORIGINALS:
                # The seeds themselves repeat items: a real repost / near-copy.
                kind = "seed_repost" if best[0] == 1.0 else "seed_near_copy"
                seed_copies.append({"of": best[1]["id"], "kind": kind,
                                    "title": speech["title"], "body": body})
                continue
            originals.append({"id": f"{path.stem[:3]}-{n + 1}", "seed": path.name,
                              "title": speech["title"], "body": body})
    variants = list(seed_copies)
    for orig in originals:
        paras = str(orig["body"]).split("\n")
        title = str(orig["title"])
        kinds = {
            "repost": respace(paras),
            "paragraph_dropped": drop_paragraph(paras, rng),
            "masks_filled": fill_masks(paras),
            "promo_left_in": promo(title, paras, rng),
            "combined": respace(promo(title, drop_paragraph(paras, rng), rng)),
        }
        for kind, new in kinds.items():
            variants.append({"of": orig["id"], "kind": kind, "title": title, "body": "\n".join(new)})
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "originals.json").write_text(
        json.dumps(originals, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out_dir / "variants.json").write_text(
        json.dumps(variants, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"originals": len(originals), "variants": len(variants)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "dedup")
    args = parser.parse_args()
    counts = build(args.seeds, args.out)
    print(f"wrote {counts['originals']} originals and {counts['variants']} variants to {args.out}")


if __name__ == "__main__":
    main()
