"""Seeded layout fuzzer: random Swedish budget tables whose totals add up, rendered through real engines
(reportlab, headless Chromium, LibreOffice) and scored against what finsam extracts. See __main__.py."""
