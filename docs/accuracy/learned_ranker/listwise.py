"""LOCO evaluation of a conditional-logit (per-sheet softmax) ranker with an explicit
"no weight" option per sheet.

Run from /work/main:
  uv run --with scikit-learn python /work/exp/ranker/listwise.py P0 P R
Same candidates/features as train.py.  The "no weight" option has sheet-level features
(bias, #mentions, best candidate repetition, whether any label has a WEIGHT/NET word ...).
L2 strength chosen by inner leave-one-corpus-out on the 9 training corpora.
"""
import json
import pickle
import sys
from collections import defaultdict

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.feature_extraction import DictVectorizer

sys.path.insert(0, "/work/exp/ranker")
from train import CORPORA, DATA, cands_of, feats, hit  # noqa: E402

LAMS = [0.3, 1.0, 3.0, 10.0]


def none_feats(s, model):
    cs = cands_of(s, model)
    f = {"NONE": 1.0}
    if not cs:
        f["NONE&no_cands"] = 1.0
        return f
    ps = [c["p"] for c in cs]
    f["NONE&n_ment"] = ps[0].get("n_ment_log", 0)
    for key in ("lab:WEIGHT", "lab:NET", "hdr:WEIGHT", "line:WEIGHT", "lab:UNIT", "lab:GROSS",
                "lab:DISTRACTOR", "lab:COMPONENT", "lab:LIMIT", "per_length", "per_pack"):
        if any(key in p for p in ps):
            f["NONE&any_" + key] = 1.0
    if not any(("lab:WEIGHT" in p or "hdr:WEIGHT" in p or "ll:WEIGHT" in p) for p in ps):
        f["NONE&no_weight_label"] = 1.0
    f["NONE&max_rep"] = max(p.get("cand_rep_log", 0) for p in ps)
    if model == "R":
        if not any("r_is_answer" in c["r"] for c in cs):
            f["NONE&rules_none"] = 1.0
    return f


def lists(sheets, model):
    """Rows per sheet: candidates then the none option. Returns X dicts, seg starts, positives."""
    X, seg, pos, vals = [], [], [], []
    for s in sheets:
        seg.append(len(X))
        cs = cands_of(s, model)
        for c in cs:
            X.append(feats(c, model)); pos.append(c["label"]); vals.append(c["value"])
        X.append(none_feats(s, model)); pos.append(int(s["expected"] is None)); vals.append(None)
    return X, np.array(seg), np.array(pos, dtype=float), vals


def seg_logsumexp(z, seg, n):
    m = np.maximum.reduceat(z, seg)
    rep = np.repeat(m, np.diff(np.append(seg, n)))
    e = np.exp(z - rep)
    s = np.add.reduceat(e, seg)
    return m + np.log(s), e, rep


def fit(sheets, model, lam):
    X, seg, pos, _ = lists(sheets, model)
    # drop sheets with no positive option (answer not among candidates)
    n = len(X)
    bounds = np.append(seg, n)
    keep_sheet = [pos[bounds[i]:bounds[i + 1]].sum() > 0 for i in range(len(seg))]
    rows = np.concatenate([np.arange(bounds[i], bounds[i + 1]) for i in range(len(seg)) if keep_sheet[i]])
    lens = [bounds[i + 1] - bounds[i] for i in range(len(seg)) if keep_sheet[i]]
    seg2 = np.concatenate([[0], np.cumsum(lens)[:-1]])
    dv = DictVectorizer()
    M = sp.csr_matrix(dv.fit_transform([X[r] for r in rows]))
    y = pos[rows]
    N = M.shape[0]
    counts = np.diff(np.append(seg2, N))

    def f(w):
        z = M @ w
        lse, e, rep = seg_logsumexp(z, seg2, N)
        zp = np.where(y > 0, z, -np.inf)
        lsep, ep, _ = seg_logsumexp(np.where(y > 0, z, -1e30), seg2, N)
        loss = (lse - lsep).sum() + 0.5 * lam * w @ w
        p_all = e / np.repeat(np.add.reduceat(e, seg2), counts)
        ep = np.exp(np.where(y > 0, z, -1e30) - np.repeat(lsep, counts))
        g = M.T @ (p_all - ep) + lam * w
        return loss, g

    w0 = np.zeros(M.shape[1])
    r = minimize(f, w0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return dv, r.x


def predict(sheets, model, dv, w):
    X, seg, _, vals = lists(sheets, model)
    z = sp.csr_matrix(dv.transform(X)) @ w
    bounds = np.append(seg, len(X))
    out = []
    for i in range(len(seg)):
        a, b = bounds[i], bounds[i + 1]
        out.append(vals[a + int(np.argmax(z[a:b]))])
    return out


def loco(model):
    by = defaultdict(list)
    for s in DATA:
        by[s["corpus"]].append(s)
    preds, chosen = {}, {}
    for held in CORPORA:
        train_c = [c for c in CORPORA if c != held]
        best = None
        for lam in LAMS:
            acc = 0
            for ih in train_c:
                dv, w = fit([s for c in train_c if c != ih for s in by[c]], model, lam)
                acc += sum(hit(s, p) for s, p in zip(by[ih], predict(by[ih], model, dv, w)))
            if best is None or acc > best[0]:
                best = (acc, lam)
        lam = best[1]
        chosen[held] = lam
        dv, w = fit([s for c in train_c for s in by[c]], model, lam)
        for s, p in zip(by[held], predict(by[held], model, dv, w)):
            preds[(held, s["file"])] = p
        h = sum(hit(s, preds[(held, s["file"])]) for s in by[held])
        print(f"  L{model} held={held} lam={lam} inner={best[0]} -> {h}/{len(by[held])}", flush=True)
    return preds, chosen


def main():
    models = sys.argv[1:] or ["P0", "P", "R"]
    allp = {}
    res = {}
    for m in models:
        allp[m], ch = loco(m)
        res[m] = {c: sum(hit(s, allp[m][(c, s["file"])]) for s in DATA if s["corpus"] == c) for c in CORPORA}
        res[m]["pooled"] = sum(res[m][c] for c in CORPORA)
        res[m]["lam"] = ch
    print(json.dumps(res, indent=None))
    ys = [s for s in DATA if s["corpus"] == "Y"]
    for m in models:
        p = allp[m]
        gain = [s["file"] for s in ys if hit(s, p[("Y", s["file"])]) and not hit(s, s["rules_got"])]
        loss = [s["file"] for s in ys if not hit(s, p[("Y", s["file"])]) and hit(s, s["rules_got"])]
        print(f"\nY L{m}: gets, rules miss ({len(gain)}): {gain}")
        print(f"Y L{m}: misses, rules get ({len(loss)}): {loss}")
    json.dump(res, open(f"/work/exp/ranker/results_listwise_{'_'.join(models)}.json", "w"), indent=1)
    pickle.dump(allp, open(f"/work/exp/ranker/preds_listwise_{'_'.join(models)}.pkl", "wb"))
    for m in models:
        dv, w = fit(DATA, m, 1.0)
        names = dv.get_feature_names_out()
        o = np.argsort(w)
        print(f"\nL{m} top +:", [(names[i], round(float(w[i]), 2)) for i in o[::-1][:20]])
        print(f"L{m} top -:", [(names[i], round(float(w[i]), 2)) for i in o[:20]])


if __name__ == "__main__":
    main()
