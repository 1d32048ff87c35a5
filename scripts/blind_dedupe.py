#!/usr/bin/env python3
"""Merges new blind question files (expected-id, style, field, question) into one set, leaving
out rows whose question (NFKC, lower case, without spaces and punctuation) equals or nearly
equals (difflib >= 0.9) a question of tests/*.tsv or an earlier row.

    python3 scripts/blind_dedupe.py OUT.tsv PART_A.tsv PART_B.tsv
"""
import os, sys, glob, unicodedata, re, difflib
def norm(q):
    q = unicodedata.normalize('NFKC', q).lower()
    return re.sub(r'[\s\W_]+', '', q)
existing = []
for f in glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', '*.tsv')):
    for line in open(f):
        parts = line.rstrip('\n').split('\t')
        if len(parts) >= 2 and not line.startswith('#'):
            existing.append(norm(parts[-1]))
seen = set(existing)
out = []; dropped = 0; bad = 0
for f in sys.argv[2:]:
    for line in open(f):
        parts = line.rstrip('\n').split('\t')
        if len(parts) != 4: bad += 1; continue
        n = norm(parts[3])
        if n in seen or any(difflib.SequenceMatcher(None, n, e).ratio() >= 0.9 for e in existing if abs(len(e)-len(n)) < 0.2*len(n)+2):
            dropped += 1; print('DROP', parts[3], file=sys.stderr); continue
        seen.add(n); existing.append(n)
        out.append('\t'.join(parts))
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
print(f'kept {len(out)} dropped {dropped} malformed {bad}')
