"""Candidate generation + features for the learned ranker.

Run from /work/main:  uv run python /work/exp/ranker/build.py
Writes /work/exp/ranker/cands.pkl: list of sheets, each
  {corpus, file, expected, tol, rules_got, cands: [ {value, feats_p: dict, feats_r: dict} ]}
"""
import bisect
import json
import math
import pickle
import re
import sys
import time
from pathlib import Path

from cost_model_service.analysis.rules import vocab
from cost_model_service.analysis.rules.containers import CONTAINER
from cost_model_service.analysis.rules.context import context_of
from cost_model_service.analysis.rules.scoring import assess
from cost_model_service.analysis.rules.sheet import Sheet
from cost_model_service.analysis.rules.tables import line_bounds, previous_line
from cost_model_service.analysis.rules.weight import best_of, candidates_of, find_unit_weight

DIRS = [
    ("A", "/work/shared/specs"),
    ("B", "/work/main/tests/data/specs_heldout"),
] + [(c.upper(), f"/work/main/tests/data/specs_{c}") for c in "cdefghzy"]

VOCAB = {
    n: getattr(vocab, n)
    for n in ["WEIGHT", "NET", "GROSS", "DISTRACTOR", "COMPONENT", "UNIT", "TOTAL", "LIMIT",
              "WITH_EXTRAS", "PACKED_IN", "WITHOUT_EXTRAS", "APPROXIMATE", "NOT_PACK_CONTENT",
              "PER_QUANTITY", "PER_AREA", "ORDERED"]
}
VOCAB["CONTAINER"] = re.compile(CONTAINER, re.IGNORECASE)
VOCAB["PIECES"] = re.compile(r"(?<![^\W\d_])(?:" + vocab.PIECES + r")(?![^\W\d_])", re.IGNORECASE)
VOCAB["PERWORD"] = re.compile(r"(?<![^\W_])(?:per|pro|je|par|por|pour|f[üu]r|for|para|cada|ogni|na|za)(?![^\W\d_])|/", re.IGNORECASE)

COUNT_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,' ]\d{3})+|\d+)(?![.,]?\d)")
WORD_RE = re.compile(r"[^\W\d_]+")
PACK_WORD = re.compile(
    CONTAINER + r"|(?<![^\W\d_])(?:" + vocab.PIECES + r"|set|ve|vpe|pack\w*|pkg|dispens\w*|per|pro|je|x)(?![^\W\d_])",
    re.IGNORECASE,
)
MAX_COUNTS = 25


def close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= abs(b) * max(tol, 0.5) / 100


def words(s, n=None):
    w = [x.lower() for x in WORD_RE.findall(s)]
    return w[-n:] if n else w


def counts_in(segment, seg_offset, mention_spans):
    """Small integers with the words next to them."""
    out = []
    for m in COUNT_RE.finditer(segment):
        s, e = m.start() + seg_offset, m.end() + seg_offset
        i = bisect.bisect_right(mention_spans, (s, 10**12)) - 1
        if i >= 0 and mention_spans[i][0] <= s < mention_spans[i][1]:
            continue  # the number of a mass quantity
        raw = re.sub(r"[.,' ]", "", m.group(1))
        try:
            n = int(raw)
        except ValueError:
            continue
        if not 2 <= n <= 10000:
            continue
        before = segment[max(0, m.start() - 25): m.start()]
        after = segment[m.end(): m.end() + 25]
        wb = words(before, 1)
        wa = words(after)[:1]
        packish = bool(PACK_WORD.search(before[-14:]) or PACK_WORD.search(after[:14]))
        out.append((n, wb[0] if wb else "", wa[0] if wa else "", packish,
                    bool(re.match(r"\s*x", after)) or bool(re.search(r"x\s*$", before))))
    return out


def sheet_records(text, expected, tol):
    if not text.strip():
        return None, []
    sheet = Sheet.read(text)
    T = sheet.text
    L = max(1, len(T))
    mentions = sheet.mentions
    spans = sorted((m.number_start, m.end) for m in mentions)
    try:
        rcands = candidates_of(sheet)
    except Exception:
        rcands = []
    rules_got = find_unit_weight(text).grams
    rbest = best_of(rcands) if rcands else None
    rc_by_start = {}
    for c in rcands:
        rc_by_start.setdefault(c.mention.start, c)
    raw_vals = [m.grams for m in mentions]
    n_ment = len(mentions)
    title_counts = counts_in(sheet.title_text[:600], -10**9, [])  # offsets irrelevant
    records = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(T) if ch == "\n"]
    for mi, m in enumerate(mentions):
        try:
            ctx = context_of(T, m, mentions)
        except Exception:
            continue
        ls, le = line_bounds(T, m.start)
        line = T[ls:le]
        # 3 lines above
        seg_start = ls
        for _ in range(3):
            seg_start, _l = previous_line(T, seg_start)
        seg = T[seg_start:le]
        cnts = counts_in(seg, seg_start, spans) + [c + () for c in title_counts]
        try:
            ac = assess(sheet, m)
        except Exception:
            ac = None
        rc = rc_by_start.get(m.start)
        line_idx = bisect.bisect_right(line_starts, m.start) - 1
        base = {}
        base["unit=" + m.unit] = 1
        for f in ("per_length", "per_unit", "per_pack", "per_area"):
            if getattr(m, f):
                base[f] = 1
        fields = {"lab": ctx.label, "lab30": ctx.label[-30:], "hdr": ctx.header,
                  "aft": ctx.after, "line": line, "ll": ctx.line_label}
        for fn, s in fields.items():
            for vn, rx in VOCAB.items():
                if s and rx.search(s):
                    base[f"{fn}:{vn}"] = 1
        for w in words(ctx.label, 6):
            base["lw=" + w] = 1
        for w in words(ctx.header, 4):
            base["hw=" + w] = 1
        for w in words(ctx.after, 3):
            base["aw=" + w] = 1
        if not ctx.label.strip():
            base["empty_label"] = 1
        base["relpos"] = m.start / L
        if m.start < sheet.title_end:
            base["in_title"] = 1
        if "|" in line:
            base["table_row"] = 1
        base["line_idx_log"] = math.log10(1 + line_idx) / 3
        base["n_ment_log"] = math.log10(1 + n_ment) / 2
        base["mention_ord_log"] = math.log10(1 + mi) / 2
        if mi == 0:
            base["first_mention"] = 1
        same = sum(1 for v in raw_vals if close(v, m.grams, 0.5))
        base["rep_log"] = math.log2(same)
        if same > 1:
            base["repeated"] = 1
        if sheet.piece_metres:
            base["sheet_has_piece_m"] = 1
        if sheet.piece_area:
            base["sheet_has_area"] = 1
        if sheet.by_length:
            base["sheet_by_length"] = 1
        if sheet.title_kinds:
            base["title_container"] = 1
        # rules features (model R only)
        rfe = {}
        if ac is not None:
            rfe["r_accepts"] = 1
            rfe["r_score"] = ac.score / 100
            rfe["r_conf"] = ac.confidence
            rfe[f"r_scorebin={int(ac.score // 10)}"] = 1
        else:
            rfe["r_rejects"] = 1
        if rc is not None:
            rfe["r_variant"] = min(rc.variant, 30) / 10
        if rbest is not None and rbest.mention.start == m.start:
            rfe["r_best_mention"] = 1

        def add(value, kind, extra):
            if not value or value <= 0 or not math.isfinite(value):
                return
            f = dict(base)
            f["kind=" + kind] = 1
            f.update(extra)
            lg = math.log10(value)
            f["log_g"] = lg / 6
            f[f"gbin={max(-3, min(8, int(math.floor(lg))))}"] = 1
            r = dict(rfe)
            if ac is not None and close(value, ac.grams, 0.5):
                r["r_assessed_value"] = 1
            if rules_got is not None and close(value, rules_got, 0.5):
                r["r_is_answer"] = 1
            records.append({"value": value, "p": f, "r": r, "mi": mi})

        add(m.grams, "raw", {})
        if ac is not None and not close(ac.grams, m.grams, 0.5):
            add(ac.grams, "assessed", {"r_only": 1})
        if sheet.piece_metres:
            add(m.grams * sheet.piece_metres, "xlen", {})
        if sheet.piece_area:
            add(m.grams * sheet.piece_area, "xarea", {})
        seen = {}
        for n, wb, wa, packish, xx in cnts:
            seen.setdefault(n, []).append((wb, wa, packish, xx))
        # prefer pack-ish counts, then nearest (order of appearance kept)
        items = sorted(seen.items(), key=lambda kv: -any(p for _, _, p, _ in kv[1]))[:MAX_COUNTS]
        for n, occ in items:
            ex = {"logN": math.log10(n) / 4}
            for wb, wa, packish, xx in occ:
                if wb:
                    ex["cwb=" + wb] = 1
                if wa:
                    ex["cwa=" + wa] = 1
                if packish:
                    ex["c_packish"] = 1
                if xx:
                    ex["c_times"] = 1
            if n in (10, 100, 1000):
                ex["c_round"] = 1
            if re.search(rf"(?<![\d.,]){n}(?![\d.,])", line):
                ex["c_same_line"] = 1
            for kind, val in (("divN", m.grams / n), ("mulN", m.grams * n)):
                e2 = {k: v for k, v in ex.items()}
                for k in list(ex):
                    if k.startswith(("cwb=", "cwa=", "c_")):
                        e2[kind + "&" + k] = 1
                add(val, kind, e2)
    # sheet-relative features: value rank, value repetition among candidates
    vals = sorted(r["value"] for r in records)
    rawmax = max(raw_vals) if raw_vals else 0
    rawmin = min(raw_vals) if raw_vals else 0
    for r in records:
        v = r["value"]
        same = sum(1 for x in vals if close(x, v, 0.5))
        r["p"]["cand_rep_log"] = math.log2(same) / 4
        if raw_vals:
            if v >= rawmax * 0.995:
                r["p"]["ge_max_raw"] = 1
            if v <= rawmin * 1.005:
                r["p"]["le_min_raw"] = 1
            r["p"]["frac_raw_larger"] = sum(1 for x in raw_vals if x > v * 1.005) / len(raw_vals)
        r["label"] = int(close(v, expected, tol)) if expected is not None else 0
    return sheet, records


def main():
    out = []
    t0 = time.time()
    for name, d in DIRS:
        labels = json.loads((Path(d) / "labels.json").read_text())
        dn = Path(d).name
        for f, lab in labels.items():
            text = (Path("/work/exp/texts") / dn / (f + ".txt")).read_text()
            exp, tol = lab["unit_weight_grams"], lab.get("tolerance_pct", 0.5)
            rules_got = find_unit_weight(text).grams
            sheet, recs = sheet_records(text, exp, tol)
            out.append({"corpus": name, "file": f, "expected": exp, "tol": tol,
                        "rules_got": rules_got, "cands": recs})
        print(name, len(labels), "sheets", f"{time.time()-t0:.0f}s",
              sum(len(s["cands"]) for s in out), "cands so far", flush=True)
    pickle.dump(out, open("/work/exp/ranker/cands.pkl", "wb"))


if __name__ == "__main__":
    main()
