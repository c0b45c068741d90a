import sys, json
import os
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from spec2gold import parse_spec, amount
T = {str(i): t for i, t in enumerate(parse_spec(os.path.join(HERE, 'h01_spec.txt')))}
print(list(T))
findings, consistent = [], []
def val(t, label, year, occ=0):
    rows = [r for r in t['rows'] if r['label'] == label]
    r = rows[occ]
    i = [y for y, k in t['cols']].index(year)
    c = r['cells'][i]
    return None if c == '' else amount(c, t['unit'])
def printed_unit(t, label, year, occ=0):
    rows = [r for r in t['rows'] if r['label'] == label]; r = rows[occ]
    i = [y for y, k in t['cols']].index(year); c = r['cells'][i]
    dec = len(c.split(',')[1]) if ',' in c else 0
    return t['unit'] // (10 ** dec)
def kind(t, year):
    return dict(t['cols'])[year]
def check(tname, total, terms, years, rule, sign=1, tot_occ=0):
    t = T[tname]
    for y in years:
        stated = val(t, total, y, tot_occ)
        vals = []
        for term in terms:
            lab, occ, s = (tuple(term) + (0, 1)[len(term) - 1:])[:3] if isinstance(term, tuple) else (term, 0, 1)
            v = val(t, lab, y, occ)
            vals.append(s * (v or 0))
        computed = sign * sum(vals)
        unit = printed_unit(t, total, y, tot_occ)
        rec = dict(label=total, year=y, column=kind(t, y), stated=stated, computed=computed)
        if stated == computed:
            consistent.append(dict(label=total, year=y, column=kind(t, y), stated=stated, rule=rule))
        elif abs(stated - computed) <= 0.5 * unit * (len(terms)):
            rec.update(kind='sum_rounding', note=f'{rule}; |diff| {abs(stated-computed)} kr within 0.5 printed unit x {len(terms)} terms'); findings.append(rec)
        else:
            rec.update(kind='sum_mismatch', note=rule); findings.append(rec); print('MISMATCH', tname, total, y, stated, computed)

Y8 = range(2026, 2034)
check('0', 'Totalt', ['Återställande 2023, 3 år', 'Återställande 2023, 10 år', 'Återställande 2024, 10 år', 'Återställande 2025, prognos'], Y8, 'Totalt = sum of the four återställande rows')
Y3 = [2026, 2027, 2028]
R = 'Bilaga'
names = list(T)
rb, br, ut, upp, bes, bal, fin, inv, sat, rik = names[1:11]
check(rb, 'Verksamhetens nettoresultat', ['Verksamhetens intäkter', 'Verksamhetens kostnader', 'Avskrivningar'], Y3, 'intäkter + kostnader + avskrivningar')
check(rb, 'Verksamhetens resultat', ['Verksamhetens nettoresultat', 'Skatteintäkter', 'Statsbidrag'], Y3, 'nettoresultat + skatteintäkter + statsbidrag')
check(rb, 'Resultat finansiella poster', ['Finansiella intäkter', 'Finansiella kostnader'], Y3, 'finansiella intäkter + kostnader')
check(rb, 'Resultat', ['Verksamhetens resultat', 'Resultat finansiella poster'], Y3, 'verksamhetens resultat + finansiella poster')
for tn in (br, bes):
    check(tn, 'Hälso- och sjukvårdsnämnden', ['Varav hälso- och sjukvård', 'Varav tandvård'] + (['Varav offentliga vårdcentraler'] if tn == br else []), Y3, 'nämnd = sum of its Varav rows')
    check(tn, 'Regional utvecklingsnämnd', ['Varav regional utveckling', 'Varav Blekinge folkhögskola', 'Varav kultur och bildning', 'Varav trafiken'], Y3, 'nämnd = sum of its Varav rows')
    check(tn, 'Regionstyrelsen', ['Varav regiondirektörens stab', 'Varav hr', 'Varav ekonomi', 'Varav utveckling och it', 'Varav regionservice', 'Varav regiongemensamt, anslag', 'Varav regiongemensamt, hälsoval', 'Varav regiongemensamt, tandvård', 'Varav regiongemensamt, politik'], Y3, 'nämnd = sum of its Varav rows')
    check(tn, 'Resultat', ['Hälso- och sjukvårdsnämnden', 'Patientnämnden', 'Samverkansnämnden', 'Regional utvecklingsnämnd', 'Regionstyrelsen', 'Finansförvaltningen'], Y3, 'Resultat = -(sum of nämnd net-cost frames incl. Finansförvaltningen); frames are printed as positive net costs', sign=-1)
check(ut, 'SUMMA totalt', [('Omfördelning från förfogande anslag', i) for i in range(4)], Y3, 'sum of the four Omfördelning rows')
check(upp, 'SUMMA totalt', ['Vaccination covid 19', 'Cosmic, utökning medarbetare', 'Cosmic, övergångskostnader driftsättning', 'Lokalförsörjningsprocess', 'Innovationsekosystem', 'Utökad HPV-vaccination'], Y3, 'sum of the Uppdrag rows')
Y5 = [2024, 2025, 2026, 2027, 2028]
check(bal, 'Summa anläggningstillgångar', ['Immateriella tillgångar', 'Mark och byggnader', 'Maskiner och inventarier', 'Finansiella anläggningstillgångar'], Y5, 'footing')
check(bal, 'Summa omsättningstillgångar', ['Förråd', 'Kortfristiga fordringar', 'Kortfristiga placeringar', 'Kassa och bank'], Y5, 'footing')
check(bal, 'Summa tillgångar (miljoner kronor)', ['Summa anläggningstillgångar', 'Summa omsättningstillgångar'], Y5, 'anläggnings- + omsättningstillgångar')
check(bal, 'Summa skulder och eget kapital (miljoner kronor)', ['Eget kapital', 'Avsättningar pensioner', 'Långfristiga skulder', 'Kortfristiga skulder'], Y5, 'footing')
check(bal, 'Summa skulder och eget kapital (miljoner kronor)', ['Summa tillgångar (miljoner kronor)'], Y5, 'balance: skulder och eget kapital = tillgångar')
check(fin, 'Kassaflöde från den löpande verksamheten', ['Årets resultat', '(+) Avskrivningar', '(+) Nedskrivningar/utrangering', '(+ / -) Reavinst/reaförlust', '(-) Minskning / (+) Ökning avsättningar', '(-) Ökning / (+) Minskning förråd', '(-) Ökning / (+) Minskning kortfristiga fordringar', '(-) Ökning / (+) Minskning kortfristiga placeringar', '(-) Minskning / (+) Ökning kortfristiga skulder'], Y5, 'footing')
check(fin, 'Kassaflöde från investeringsverksamheten', ['(-) Investeringar i immateriella anläggningstillgångar', '(-) Investeringar i mark och byggnader', '(-) Investeringar i maskiner och inventarier', '(-) Investeringar i finansiella tillgångar'], Y5, 'footing')
check(fin, 'Kassaflöde från finansieringsverksamheten', ['(-) Minskning / (+) ökning av skulder finansiell leasing', '(-) Minskning / (+) ökning av långfristiga skulder'], Y5, 'footing')
check(fin, 'Årets kassaflöde', ['Kassaflöde från den löpande verksamheten', 'Kassaflöde från investeringsverksamheten', 'Kassaflöde från finansieringsverksamheten'], Y5, 'sum of the three cash-flow sections')
check(fin, 'Likvida medel vid årets slut', ['Likvida medel vid årets början', 'Årets kassaflöde'], Y5, 'IB + årets kassaflöde')
check(inv, 'Summa', ['Fastighet', 'MT', 'IT', 'Övrigt'], [2026, 2027, 2028, 2029, 2030], 'footing')
check(sat, 'SUMMA totalt', [r['label'] for r in T[sat]['rows'] if not r['total']], Y3, 'footing')
check(rik, 'Summa', [r['label'] for r in T[rik]['rows'] if not r['total'] and r['label'] != 'Förslag budget'], [2024, 2025], 'footing of the specified statsbidrag (Förslag budget is a budget-year line, not a term)')
check(bes, 'Resultat', [], [2026, 2027], 'Resultat 0 (no savings in 2026-2027)')

# cross-table checks (exact equality of printed values after unit)
def xeq(desc, a, b):
    ok = a == b
    print(('OK   ' if ok else 'DIFF ') + desc, a, b)
    if ok: consistent.append(dict(label=desc, year=None, column=None, stated=a, rule='cross-table equality'))
for y in Y3:
    xeq(f'Bilaga 2 Resultat = Bilaga 1 Resultat {y}', val(T['2'], 'Resultat', y), val(T['1'], 'Resultat', y))
    xeq(f'Finansieringsbudget Årets resultat ~ Resultatbudget Resultat {y}', val(T['7'], 'Årets resultat', y), round(val(T['1'], 'Resultat', y) / 1e6) * 1000000)
    xeq(f'Finansieringsbudget Avskrivningar ~ Resultatbudget {y}', val(T['7'], '(+) Avskrivningar', y), -round(val(T['1'], 'Avskrivningar', y) / 1e6) * 1000000)
    xeq(f'Investeringsbudget Summa = -Kassaflöde från investeringsverksamheten {y}', val(T['8'], 'Summa', y), -val(T['7'], 'Kassaflöde från investeringsverksamheten', y))
    xeq(f'Investeringsbudget Fastighet = -(-) Investeringar i mark och byggnader {y}', val(T['8'], 'Fastighet', y), -val(T['7'], '(-) Investeringar i mark och byggnader', y))
for y in Y5:
    xeq(f'Likvida medel vid årets slut = Kassa och bank {y}', val(T['7'], 'Likvida medel vid årets slut', y), val(T['6'], 'Kassa och bank', y))
json.dump(dict(findings=findings, consistent=consistent), open(os.path.join(HERE, 'h01_checks.json'), 'w'), ensure_ascii=False, indent=1)
for f in findings: print(f)
print('consistent', len(consistent), 'findings', len(findings))
