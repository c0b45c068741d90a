"""An `error` needs its structure confirmed; otherwise the checker says it cannot tell."""

from __future__ import annotations

from pipeline.check import find_findings


def table(rows: list[tuple[str, bool, list[int]]], years: tuple[int, ...] = (2025, 2026)) -> list[dict]:
    """Budget lines of one table: (label, is_total, one amount per year)."""
    return [{"document": "t.pdf", "table_no": 1, "row_no": r, "col_no": c, "label": label, "section": None,
             "is_total": total, "amount_sek": amount, "year": years[c], "unit_factor": 1, "page": 1, "line": None,
             "bbox": None}
            for r, (label, total, amounts) in enumerate(rows) for c, amount in enumerate(amounts)]


def verdicts(lines: list[dict], label: str) -> dict[int, tuple[str, str]]:
    return {f["year"]: (f["verdict"], f["severity"]) for f in find_findings(lines) if f["label"] == label}


def test_an_error_confirmed_by_another_column_stays_an_error() -> None:
    lines = table([("Kansli", False, [600, 622]), ("Styrelse", False, [65, 65]),
                   ("Summa kansli", True, [665, 667])])
    assert verdicts(lines, "Summa kansli") == {2025: ("ok", "info"), 2026: ("error", "error")}


def test_a_total_failing_in_every_column_cannot_tell() -> None:
    lines = table([("Kansli", False, [600, 622]), ("Styrelse", False, [65, 65]),
                   ("Summa kansli", True, [900, 950])])
    found = [f for f in find_findings(lines) if f["label"] == "Summa kansli"]
    assert {f["verdict"] for f in found} == {"cannot tell"}
    assert {f["severity"] for f in found} == {"info"}
    assert all(f["kind"] == "sum_unconfirmed" and "kan inte avgöra" in f["explanation"] for f in found)


def test_a_one_column_table_closed_by_its_only_total_is_defined_by_its_shape() -> None:
    lines = table([("Staten", False, [4322]), ("Regionen", False, [2161]), ("Totalt", True, [6000])], (2025,))
    assert verdicts(lines, "Totalt") == {2025: ("error", "error")}


def test_a_one_row_total_that_disagrees_cannot_tell() -> None:
    lines = table([("Kassa och bank", False, [404]), ("Summa kassa och bank", True, [40])], (2020,))
    assert verdicts(lines, "Summa kassa och bank") == {2020: ("cannot tell", "info")}


def test_a_total_of_the_last_rows_is_read_when_it_holds_in_every_column() -> None:
    # r04's shape: an unmarked subtotal ("Område"), an adjustment, then "Summa" of those two
    lines = table([("Vård", False, [700, 800]), ("Service", False, [300, 200]), ("Område", False, [1000, 1000]),
                   ("Varav statsbidrag", False, [-100, -50]), ("Summa", True, [900, 950])])
    assert verdicts(lines, "Summa") == {2025: ("ok", "info"), 2026: ("ok", "info")}


def test_a_prognos_row_in_a_plan_is_summed_like_any_row() -> None:
    lines = table([("Återställande 2023", False, [117, 0]), ("Återställande 2025, prognos", False, [86, 25]),
                   ("Totalt", True, [203, 25])])
    assert verdicts(lines, "Totalt") == {2025: ("ok", "info"), 2026: ("ok", "info")}


def test_a_total_with_the_right_magnitude_and_the_wrong_sign_is_a_sign_mismatch() -> None:
    lines = table([("Intäkter", False, [500, 500]), ("Kostnader", False, [-800, -700]),
                   ("Totalt", True, [-300, 200])])
    found = {f["year"]: f for f in find_findings(lines) if f["label"] == "Totalt"}
    assert found[2025]["verdict"] == "ok"
    assert (found[2026]["kind"], found[2026]["severity"]) == ("sign_mismatch", "error")
    assert "tecknet är omvänt" in found[2026]["explanation"]


def test_within_the_worst_case_but_improbable_for_rounding_is_an_error() -> None:
    # 20 rows in tkr: the worst case is 10 tkr, but 20 independent roundings almost never reach 8
    rows = [(f"Rad {i}", False, [100_000, 100_000]) for i in range(20)]
    lines = table([*rows, ("Summa", True, [2_000_000, 2_008_000])])
    for line in lines:
        line["unit_factor"] = 1000
    found = {f["year"]: f for f in find_findings(lines) if f["label"] == "Summa"}
    assert found[2026]["verdict"] == "error"
    assert "sannolikhet under" in found[2026]["explanation"]


def test_a_few_units_over_many_rows_is_rounding() -> None:
    # figures rounded from kronor: their last digits are anything, not mostly 0 as planned amounts are
    amounts = [(101 + 7 * i) * 1000 for i in range(20)]
    rows = [(f"Rad {i}", False, [amount, amount]) for i, amount in enumerate(amounts)]
    lines = table([*rows, ("Summa", True, [sum(amounts), sum(amounts) + 3000])])
    for line in lines:
        line["unit_factor"] = 1000
    found = {f["year"]: f for f in find_findings(lines) if f["label"] == "Summa"}
    assert found[2026]["verdict"] == "rounding"


def test_one_unit_off_where_every_other_sum_is_exact_is_an_error() -> None:
    # 80 exact sums in a tkr budget: rounded figures would have left some of them off
    rows = []
    for i in range(40):
        rows += [(f"Post {i}a", False, [100_000, 200_000]), (f"Post {i}b", False, [300_000, 400_000]),
                 (f"Summa {i}", True, [400_000, 600_000])]
    rows[-1] = ("Summa 39", True, [400_000, 601_000])
    lines = table(rows)
    for line in lines:
        line["unit_factor"] = 1000
    found = {f["year"]: f for f in find_findings(lines) if f["label"] == "Summa 39"}
    assert (found[2026]["kind"], found[2026]["severity"]) == ("sum_mismatch", "error")
    assert "inte avrundade" in found[2026]["explanation"]


def test_one_unit_off_among_a_few_exact_sums_stays_rounding() -> None:
    rows = [("A", False, [100_000, 200_000]), ("B", False, [300_000, 400_000]), ("Summa", True, [400_000, 601_000])]
    lines = table(rows)
    for line in lines:
        line["unit_factor"] = 1000
    found = {f["year"]: f for f in find_findings(lines) if f["label"] == "Summa"}
    assert found[2026]["verdict"] == "rounding"


def variance_table(variance: list[int]) -> list[dict]:
    """Budget, utfall and their difference (Avvikelse = utfall − budget) for four rows."""
    budget, utfall = [100, 250, 400, 80], [90, 260, 400, 95]
    columns = zip(budget, utfall, variance, strict=True)
    lines = table([(f"Rad {i}", False, [b, u, v]) for i, (b, u, v) in enumerate(columns)], (2025, 2025, 2025))
    for line in lines:
        line["column_kind"] = ("budget", "utfall", "avvikelse")[line["col_no"]]
    return lines


def test_a_variance_column_is_read_from_its_own_rows() -> None:
    found = [f for f in find_findings(variance_table([-10, 10, 0, 15])) if f["kind"].startswith("crossfoot")]
    assert {f["verdict"] for f in found} == {"ok"}
    assert len(found) == 4


def test_a_variance_row_that_breaks_the_tables_own_relation_is_an_error() -> None:
    found = [f for f in find_findings(variance_table([-10, 10, 0, 51])) if f["severity"] == "error"]
    assert [(f["kind"], f["label"], f["stated"], f["computed"]) for f in found] == [
        ("crossfoot_mismatch", "Rad 3", 51, 15)]


def test_no_relation_is_guessed_from_too_few_rows() -> None:
    lines = variance_table([-10, 10, 0, 15])[:6]  # two rows
    assert not [f for f in find_findings(lines) if f["kind"].startswith("crossfoot")]


def test_results_of_an_income_statement_with_costs_printed_negative() -> None:
    # a housing cooperative's resultaträkning: costs negative, each result the lines above it with their signs
    lines = table([("Nettoomsättning", False, [1_100, 400]), ("Övriga rörelseintäkter", False, [97, 52]),
                   ("Summa rörelseintäkter", True, [1_197, 452]), ("Driftkostnader", False, [-500, -200]),
                   ("Övriga externa kostnader", False, [-182, -52]), ("Summa rörelsekostnader", True, [-682, -252]),
                   ("Rörelseresultat", False, [515, 200]), ("Räntekostnader", False, [-273, -97]),
                   ("Resultat efter finansiella poster", False, [242, 103]), ("Årets resultat", False, [242, 103])])
    found = [(f["label"], f["verdict"]) for f in find_findings(lines) if f["kind"].startswith("result")]
    assert {v for _, v in found} == {"ok"}
    assert {label for label, _ in found} == {"Rörelseresultat", "Resultat efter finansiella poster", "Årets resultat"}


def test_rounding_says_why() -> None:
    lines = table([("Kansli", False, [600, 622]), ("Styrelse", False, [65, 65]), ("Summa kansli", True, [665, 688])])
    found = {f["year"]: f for f in find_findings(lines) if f["label"] == "Summa kansli"}
    assert found[2026]["verdict"] == "rounding"
    assert "ryms i avrundningen" in found[2026]["explanation"]


def test_a_row_worded_like_equity_among_the_income_is_summed_where_that_adds_up() -> None:
    lines = table([("Ränteintäkter", False, [650, 564]), ("Ianspråktaget eget kapital", False, [714, 715]),
                   ("Driftbidrag", False, [405, 392]), ("Summa intäkter", True, [1769, 1671])])
    assert verdicts(lines, "Summa intäkter") == {2025: ("ok", "info"), 2026: ("ok", "info")}


def test_a_years_periods_confirm_each_other() -> None:
    """Kv 1 … Kv 4 share a year and the kind `period`, yet each is a column of its own, not a
    roll-forward's part: a quarter whose sum is off is confirmed by the quarters that add up."""
    lines = [line | {"column_kind": "period", "column_header": f"Kv {line['col_no'] + 1}"}
             for line in table([("Kansli", False, [100, 110, 120]), ("Styrelse", False, [10, 10, 10]),
                                ("Summa", True, [110, 120, 150])], (2025, 2025, 2025))]
    found = [(f["kind"], f["verdict"], f["stated"]) for f in find_findings(lines) if f["label"] == "Summa"]
    assert found == [("sum_check", "ok", 110), ("sum_check", "ok", 120), ("sum_mismatch", "error", 150)]


def test_a_total_whose_label_names_its_rows_is_defined_by_the_documents_words() -> None:
    """'Summa styrelse och kansli' over Kansli and Styrelse: the label says which rows it sums, so a
    total off in every column is still an error (the plan's own words are the corroboration)."""
    lines = table([("Kansli", False, [600, 622]), ("Styrelse", False, [65, 65]),
                   ("Summa styrelse och kansli", True, [900, 950])])
    assert verdicts(lines, "Summa styrelse och kansli") == {2025: ("error", "error"), 2026: ("error", "error")}


def test_a_label_naming_a_word_other_rows_also_start_with_defines_nothing() -> None:
    """'Summa driftbidrag' over two Driftbidrag rows names them, unless a third Driftbidrag row stands
    elsewhere in the table: then which of them it sums is not said."""
    named = [("Driftbidrag staten", False, [500, 500]), ("Driftbidrag regionen", False, [250, 250]),
             ("Summa driftbidrag", True, [900, 950])]
    assert verdicts(table(named), "Summa driftbidrag") == {2025: ("error", "error"), 2026: ("error", "error")}
    other = [("Driftbidrag kommunerna", False, [250, 250]), ("Summa intäkter", True, [250, 250]), *named]
    assert set(verdicts(table(other), "Summa driftbidrag").values()) == {("cannot tell", "info")}


def _printed(lines: list[dict], texts: dict[str, list[str]]) -> list[dict]:
    """Lines in mnkr, each with the amount as printed."""
    out = []
    for b in lines:
        text = texts[b["label"]][b["col_no"]]
        out.append(b | {"unit_factor": 1_000_000, "amount_text": text,
                        "amount_sek": round(float(text.replace(",", ".").replace("−", "-")) * 1_000_000)})
    return out


def test_figures_printed_with_a_decimal_are_rounded_to_a_tenth_of_the_unit() -> None:
    """'466,3 mnkr': one mnkr off is ten printed steps, an error; printed whole, one mnkr is rounding."""
    shape = table([("Anslag", False, [0, 0]), ("Uppräkning", False, [0, 0]), ("Ram, summa", True, [0, 0])])
    tenths = {"Anslag": ["466,3", "470,1"], "Uppräkning": ["15,6", "16,2"], "Ram, summa": ["481,9", "487,3"]}
    assert verdicts(_printed(shape, tenths), "Ram, summa") == {2025: ("ok", "info"), 2026: ("error", "error")}
    whole = {"Anslag": ["466", "470"], "Uppräkning": ["16", "16"], "Ram, summa": ["482", "487"]}
    assert verdicts(_printed(shape, whole), "Ram, summa")[2026] == ("rounding", "info")
