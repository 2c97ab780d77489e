"""Table + Y gains/losses from saved LOCO predictions (no fitting).
Run: python3 /work/exp/ranker/summarize.py
"""
import pickle
from pathlib import Path

D = pickle.load(open("/work/exp/ranker/cands.pkl", "rb"))
CORPORA = ["A", "B", "C", "D", "E", "F", "G", "H", "Z", "Y"]


def close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= abs(b) * max(tol, 0.5) / 100


def hit(s, p):
    return (p is None and s["expected"] is None) or close(p, s["expected"], s["tol"])


preds = {}
pw = pickle.load(open("/work/exp/ranker/preds_P0_P_R.pkl", "rb"))
for m, p in pw.items():
    preds["pw-" + m] = p
for m in ("P0", "P", "R"):
    f = Path(f"/work/exp/ranker/preds_listwise_{m}.pkl")
    if f.exists():
        preds["lw-" + m] = pickle.load(open(f, "rb"))[m]

ceil = {c: sum(1 for s in D if s["corpus"] == c and (s["expected"] is None or any(x["label"] for x in s["cands"]))) for c in CORPORA}
cols = ["rules"] + list(preds) + ["ceiling"]
print("| corpus | n | " + " | ".join(cols) + " |")
print("|" + "---|" * (len(cols) + 2))
tot = {k: 0 for k in cols}
N = 0
for c in CORPORA:
    ss = [s for s in D if s["corpus"] == c]
    n = len(ss); N += n
    row = {"rules": sum(hit(s, s["rules_got"]) for s in ss), "ceiling": ceil[c]}
    for m, p in preds.items():
        row[m] = sum(hit(s, p[(c, s["file"])]) for s in ss)
    for k in cols:
        tot[k] += row[k]
    print(f"| {c} | {n} | " + " | ".join(f"{row[k]} ({100*row[k]/n:.0f}%)" for k in cols) + " |")
print(f"| pooled | {N} | " + " | ".join(f"{tot[k]} ({100*tot[k]/N:.1f}%)" for k in cols) + " |")
nonY = N - 60
print(f"| pooled excl. Y | {nonY} | " + " | ".join(
    f"{tot[k]-r} ({100*(tot[k]-r)/nonY:.1f}%)" for k, r in
    ((k, sum(hit(s, (s['rules_got'] if k == 'rules' else None) if k in ('rules', 'ceiling') else preds[k][('Y', s['file'])]) for s in D if s['corpus'] == 'Y') if k != 'ceiling' else ceil['Y']) for k in cols)) + " |")

ys = [s for s in D if s["corpus"] == "Y"]
for m, p in preds.items():
    gain = [s["file"] for s in ys if hit(s, p[("Y", s["file"])]) and not hit(s, s["rules_got"])]
    loss = [s["file"] for s in ys if not hit(s, p[("Y", s["file"])]) and hit(s, s["rules_got"])]
    print(f"\nY {m}: right where rules wrong ({len(gain)}): {', '.join(gain)}")
    print(f"Y {m}: wrong where rules right ({len(loss)}): {', '.join(loss)}")
# union oracle on Y: rules or model
for m, p in preds.items():
    u = sum(1 for s in ys if hit(s, p[("Y", s["file"])]) or hit(s, s["rules_got"]))
    print(f"Y oracle(rules OR {m}) = {u}/60")
