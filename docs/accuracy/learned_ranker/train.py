"""LOCO evaluation of a pointwise logistic ranker over candidate weights.

Run from /work/main:
  uv run --with scikit-learn python /work/exp/ranker/train.py
Models:
  P0: no rules features, candidate set WITHOUT the rules' assessed-only values
  P : no rules features, candidate set WITH the rules' assessed values (kind hidden)
  R : P + rules score/confidence/variant/"is the rules' answer"
Per sheet: argmax of P(hit); "no weight" when the max prob < t.  C and t are chosen
by inner leave-one-corpus-out on the 9 training corpora.
"""
import json
import pickle
import sys
from collections import defaultdict

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

DATA = pickle.load(open("/work/exp/ranker/cands.pkl", "rb"))
CORPORA = ["A", "B", "C", "D", "E", "F", "G", "H", "Z", "Y"]
CS = [0.03, 0.1, 0.3, 1.0]
TS = [0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]


def close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= abs(b) * max(tol, 0.5) / 100


def feats(c, model):
    p = c["p"]
    if model == "R":
        d = dict(p)
        d.update(c["r"])
        return d
    return {k: v for k, v in p.items() if not k.startswith("r_") and k != "kind=assessed"}


def cands_of(s, model):
    if model == "P0":
        return [c for c in s["cands"] if "r_only" not in c["p"]]
    return s["cands"]


def build(sheets, model):
    X, y, owner = [], [], []
    for i, s in enumerate(sheets):
        for c in cands_of(s, model):
            X.append(feats(c, model)); y.append(c["label"]); owner.append(i)
    return X, np.array(y), np.array(owner)


def i32(M):
    M = M.tocsr()
    M.indices = M.indices.astype(np.int32)
    M.indptr = M.indptr.astype(np.int32)
    return M


def fit(sheets, model, C):
    X, y, _ = build(sheets, model)
    dv = DictVectorizer()
    Xm = i32(dv.fit_transform(X))
    lr = LogisticRegression(C=C, solver="liblinear", max_iter=2000)
    lr.fit(Xm, y)
    return dv, lr


def best_per_sheet(sheets, model, dv, lr):
    """(best prob, best value) per sheet; (0, None) when no candidates."""
    X, _, owner = build(sheets, model)
    res = [(0.0, None)] * len(sheets)
    if not X:
        return res
    pr = lr.predict_proba(i32(dv.transform(X)))[:, 1]
    vals = [c["value"] for s in sheets for c in cands_of(s, model)]
    best = {}
    for p, o, v in zip(pr, owner, vals):
        if o not in best or p > best[o][0]:
            best[o] = (p, v)
    return [best.get(i, (0.0, None)) for i in range(len(sheets))]


def hit(s, pred):
    e = s["expected"]
    return (pred is None and e is None) or close(pred, e, s["tol"])


def decide(bp, t):
    return [v if p >= t else None for p, v in bp]


def loco(model, log=True):
    by = defaultdict(list)
    for s in DATA:
        by[s["corpus"]].append(s)
    preds = {}
    chosen = {}
    for held in CORPORA:
        train_c = [c for c in CORPORA if c != held]
        # inner LOCO for C and t
        inner = {C: [] for C in CS}
        for C in CS:
            for ih in train_c:
                tr = [s for c in train_c if c != ih for s in by[c]]
                dv, lr = fit(tr, model, C)
                te = by[ih]
                inner[C].extend(zip(te, best_per_sheet(te, model, dv, lr)))
        best = None
        for C in CS:
            for t in TS:
                acc = sum(hit(s, v if p >= t else None) for s, (p, v) in inner[C])
                if best is None or acc > best[0]:
                    best = (acc, C, t)
        _, C, t = best
        chosen[held] = (C, t)
        tr = [s for c in train_c for s in by[c]]
        dv, lr = fit(tr, model, C)
        bp = best_per_sheet(by[held], model, dv, lr)
        for s, pred in zip(by[held], decide(bp, t)):
            preds[(s["corpus"], s["file"])] = pred
        if log:
            n = len(by[held]); h = sum(hit(s, preds[(s["corpus"], s["file"])]) for s in by[held])
            print(f"  {model} held={held} C={C} t={t} inner_acc={best[0]}/{len(inner[C])} -> {h}/{n}", flush=True)
    return preds, chosen


def ceiling(model):
    out = {}
    for c in CORPORA:
        ss = [s for s in DATA if s["corpus"] == c]
        out[c] = sum(1 for s in ss if s["expected"] is None or any(x["label"] for x in cands_of(s, model)))
    return out


def top_features(model, k=25):
    dv, lr = fit(DATA, model, 0.3)
    w = lr.coef_[0]
    names = dv.get_feature_names_out()
    order = np.argsort(w)
    pos = [(names[i], round(float(w[i]), 2)) for i in order[::-1][:k]]
    neg = [(names[i], round(float(w[i]), 2)) for i in order[:k]]
    return pos, neg


def main():
    models = sys.argv[1:] or ["P0", "P", "R"]
    results = {"rules": {}, "ceiling": {}, "n": {}}
    for c in CORPORA:
        ss = [s for s in DATA if s["corpus"] == c]
        results["n"][c] = len(ss)
        results["rules"][c] = sum(hit(s, s["rules_got"]) for s in ss)
    results["ceiling"] = {m: ceiling(m) for m in ("P0", "P")}
    allpreds = {}
    for m in models:
        preds, chosen = loco(m)
        allpreds[m] = preds
        results[m] = {c: sum(hit(s, preds[(s["corpus"], s["file"])]) for s in DATA if s["corpus"] == c) for c in CORPORA}
        results[m + "_chosen"] = chosen
    # table
    cols = ["n", "rules"] + models + ["ceilP0", "ceilP"]
    print("\n| corpus | " + " | ".join(cols) + " |")
    print("|" + "---|" * (len(cols) + 1))
    tot = defaultdict(int)
    for c in CORPORA:
        row = [results["n"][c], results["rules"][c]] + [results[m][c] for m in models] + [results["ceiling"]["P0"][c], results["ceiling"]["P"][c]]
        for k, v in zip(cols, row):
            tot[k] += v
        print(f"| {c} | " + " | ".join(str(v) if k == "n" else f"{v} ({100*v/results['n'][c]:.0f}%)" for k, v in zip(cols, row)) + " |")
    print("| pooled | " + " | ".join(str(tot[k]) if k == "n" else f"{tot[k]} ({100*tot[k]/tot['n']:.1f}%)" for k in cols) + " |")
    ys = [s for s in DATA if s["corpus"] == "Y"]
    for m in models:
        p = allpreds[m]
        gain = [s["file"] for s in ys if hit(s, p[("Y", s["file"])]) and not hit(s, s["rules_got"])]
        loss = [s["file"] for s in ys if not hit(s, p[("Y", s["file"])]) and hit(s, s["rules_got"])]
        print(f"\nY {m}: gets, rules miss ({len(gain)}): {gain}")
        print(f"Y {m}: misses, rules get ({len(loss)}): {loss}")
    ymiss = [(s["file"], s["expected"], s["rules_got"], {m: allpreds[m][("Y", s["file"])] for m in models}) for s in ys
             if not all(hit(s, allpreds[m][("Y", s["file"])]) for m in models) or not hit(s, s["rules_got"])]
    print("\nY detail (file, expected, rules, model preds) where anyone misses:")
    for r in ymiss:
        print("  ", r)
    json.dump({k: v for k, v in results.items()}, open(f"/work/exp/ranker/results_{'_'.join(models)}.json", "w"), indent=1, default=str)
    pickle.dump(allpreds, open(f"/work/exp/ranker/preds_{'_'.join(models)}.pkl", "wb"))
    for m in models:
        pos, neg = top_features(m)
        print(f"\n{m} top + features (fit on all):", pos)
        print(f"{m} top - features:", neg)


if __name__ == "__main__":
    main()
