#!/usr/bin/env python3
"""Sums the figures tests/ask_eval.rs prints, per set and over the tuning sets (ask_blind_dev*)
and the three report sets, for one log or several side by side.

    ASK_EVAL_VERBOSE=1 ASK_EVAL_CAUSES=1 cargo test --test ask_eval -- --nocapture --test-threads=1 > LOG 2>&1
    python3 scripts/ask_eval_sum.py BEFORE_LOG AFTER_LOG
"""
import re, sys
def parse(path):
    sets = {}; cur = None
    for line in open(path, errors='replace'):
        m = re.search(r'\[(tests/)?([^\]]+\.tsv)\]$', line.strip())
        if m: cur = m.group(2); continue
        if cur is None: continue
        m = re.match(r'in-scope: (\d+) questions; answered correctly (\d+) .*answered wrongly (\d+), offered in もしかして (\d+)', line)
        if m and cur not in sets:
            sets[cur] = dict(inn=int(m[1]), right=int(m[2]), wrong=int(m[3]), first=int(m[4]))
        m = re.match(r'out-of-scope: (\d+) questions \((\d+) lookalikes\); refused (\d+) .*lookalikes answered: (\d+)', line)
        if m and cur in sets and 'out' not in sets[cur]:
            sets[cur].update(out=int(m[1]), looks=int(m[2]), refused=int(m[3]), look=int(m[4]))
        m = re.match(r'direct sentence on (\d+) of (\d+)', line)
        if m and cur in sets and 'direct' not in sets[cur]:
            sets[cur].update(direct=int(m[1]), fields=int(m[2]))
    return sets
keys = ['inn','right','wrong','first','out','refused','look','direct','fields']
def total(sets, pred):
    t = dict.fromkeys(keys, 0)
    for n, s in sets.items():
        if pred(n):
            for k in keys: t[k] += s.get(k, 0)
    return t
logs = [parse(p) for p in sys.argv[1:]]
names = sorted(set().union(*[set(l) for l in logs]))
for n in names:
    print(n.ljust(24), ' || '.join(' '.join(f"{k}={l[n].get(k,'?')}" for k in ['inn','right','wrong','look','refused','direct']) if n in l else '-' for l in logs))
for label, pred in [('TUNING(dev*)', lambda n: 'dev' in n), ('REPORT(blind,2,3)', lambda n: n in ('ask_blind.tsv','ask_blind2.tsv','ask_blind3.tsv'))]:
    for l in logs:
        t = total(l, pred)
        pct = 100*t['right']/t['inn'] if t['inn'] else 0
        print(label, f"in {t['inn']} right {t['right']} ({pct:.1f}%) wrong {t['wrong']} oos refused {t['refused']}/{t['out']} look {t['look']} direct {t['direct']}/{t['fields']}")
