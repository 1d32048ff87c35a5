#!/usr/bin/env python3
"""Sums the by-style or by-field tables tests/ask_eval.rs prints for the named sets:

    python3 scripts/ask_eval_by.py LOG ask_blind.tsv,ask_blind2.tsv,ask_blind3.tsv style|field
"""
import re, sys
log, sets, which = sys.argv[1], sys.argv[2].split(','), sys.argv[3]
hdr = 'by style:' if which == 'style' else 'by asked field:'
tot = {}
cur = None; mode = False
for line in open(log, errors='replace'):
    m = re.search(r'\[(tests/)?([^\]]+\.tsv)\]$', line.strip())
    if m: cur = m.group(2); mode = False; continue
    if cur not in sets: continue
    if line.startswith(hdr): mode = True; continue
    if mode:
        parts = line.split()
        if len(parts) < 10 or parts[0] in ('in',): 
            if parts and parts[0] == 'in': continue
            mode = False; continue
        if parts[0] in ('all',) or line.startswith('by '): mode = False; continue
        name = parts[0]; n = int(parts[1]); right = float(parts[2]); first = float(parts[3]); wrong = int(parts[4])
        t = tot.setdefault(name, [0, 0.0, 0.0, 0])
        t[0] += n; t[1] += n*right/100; t[2] += n*first/100; t[3] += wrong
for k, (n, r, f, w) in sorted(tot.items(), key=lambda x: (x[1][1]/x[1][0] if x[1][0] else 0)):
    if n: print(f"{k:12s} in {n:4d} right {r/n*100:5.1f} r|1st {f/n*100:5.1f} wrong {w}")
