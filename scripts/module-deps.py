#!/usr/bin/env python3
"""Module dependencies from the code: which module folders refer to which (namespaces and type names), which modules
read another module's tables directly (db.Set<T>() of another module's entity, or its DbSet property), and the two-way
pairs. Usage: python3 scripts/module-deps.py [src/Yiyang]"""
import glob, os, re, sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '../src/Yiyang')
mods = sorted(d for d in os.listdir(os.path.join(src, 'Modules'))
              if os.path.isdir(os.path.join(src, 'Modules', d)) and d not in ('Shared',))
files = {m: [p for p in glob.glob(os.path.join(src, 'Modules', m, '**', '*.cs'), recursive=True)
             + glob.glob(os.path.join(src, 'Modules', m, '**', '*.cshtml'), recursive=True)] for m in mods}
def code_only(t):
    t = re.sub(r'//[^\n]*', '', t)                       # comments
    t = re.sub(r'@?\$?"(?:[^"\\\n]|\\.)*"', '""', t)      # string literals
    return t


text = {m: code_only('\n'.join(open(p, encoding='utf-8').read() for p in files[m])) for m in mods}
# public types per module
types = {}
declared_in = {}
for m in mods:
    for t in re.findall(r'(?:class|record|enum|interface|struct)\s+([A-Z]\w+)', text[m]):
        declared_in.setdefault(t, set()).add(m)
for m in mods:
    for t in re.findall(r'^(?:public |internal )?(?:sealed |static |abstract )*(?:class|record|enum|interface|struct)\s+([A-Z]\w{3,})', text[m], re.M):
        types.setdefault(t, m)
types = {t: m for t, m in types.items() if len(declared_in.get(t, ())) == 1}  # a name declared twice is ambiguous
entities = {t: m for t, m in types.items()
            if re.search(r'IEntityTypeConfiguration<%s>|Entity<%s>\(' % (t, t), text[m])}
dbsets = {'Users': 'Accounts', 'ApiTokens': 'Accounts', 'Organizations': 'Organizations', 'Elders': 'Elders',
          'TimelineEvents': 'Elders', 'FamilyDoctorTeams': 'FamilyDoctor', 'FamilyDoctorPackages': 'FamilyDoctor',
          'FamilyDoctorContracts': 'FamilyDoctor'}
deps = {m: set() for m in mods}
why = {}
reads = {m: {} for m in mods}
for m in mods:
    body = re.sub(r'^\s*using [^;]+;\s*$', '', text[m], flags=re.M)
    for other in mods:
        if other == m or other == 'Demo':
            continue
        if re.search(r'\bModules\.%s\b' % other, text[m]):
            deps[m].add(other)
            why.setdefault((m, other), set()).add('namespace')
    for t, owner in types.items():
        if owner != m and owner != 'Demo' and re.search(r'\b%s\b' % t, body):
            deps[m].add(owner)
            why.setdefault((m, owner), set()).add(t)
    for t, owner in entities.items():
        if owner != m:
            n = len(re.findall(r'Set<%s>\(\)' % t, text[m]))
            if n: reads[m][owner] = reads[m].get(owner, 0) + n
    for prop, owner in dbsets.items():
        if owner != m:
            n = len(re.findall(r'\bdb\.%s\b' % prop, text[m]))
            if n: reads[m][owner] = reads[m].get(owner, 0) + n
print('| module | depends on | reads tables of (count) |')
print('|---|---|---|')
for m in mods:
    print(f"| {m} | {', '.join(sorted(deps[m]))} | {', '.join(f'{o} ({n})' for o, n in sorted(reads[m].items()))} |")
two = sorted({tuple(sorted((a, b))) for a in mods for b in deps[a] if a in deps.get(b, set())})
print(f"\nDirect reads of another module's tables: {sum(sum(r.values()) for r in reads.values())}; "
      f"two-way dependencies: {len(two)}")
for a, b in two:
    ab = ', '.join(sorted(why.get((a, b), []))[:4])
    ba = ', '.join(sorted(why.get((b, a), []))[:4])
    print(f'- {a} ↔ {b}: {a} uses {ab}; {b} uses {ba}')
