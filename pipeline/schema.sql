-- finsam warehouse. The contract views score.py reads are the tables documents, budget_lines,
-- goals, percentages and findings themselves (their named columns are kept; more are welcome).
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    document VARCHAR PRIMARY KEY, sha256 VARCHAR, extractor_version VARCHAR, format VARCHAR,
    pages INTEGER, status VARCHAR, forbund VARCHAR, forbund_variants VARCHAR[], plan_year INTEGER,
    budget_years INTEGER[], problems VARCHAR, run_id VARCHAR);
CREATE TABLE IF NOT EXISTS table_cells (
    document VARCHAR, table_no INTEGER, row_no INTEGER, col_no INTEGER, text VARCHAR,
    page INTEGER, line INTEGER, bbox DOUBLE[]);
CREATE TABLE IF NOT EXISTS budget_lines (
    document VARCHAR, table_no INTEGER, row_no INTEGER, col_no INTEGER, label VARCHAR, section VARCHAR,
    year INTEGER, column_kind VARCHAR, column_header VARCHAR, amount_sek BIGINT, amount_text VARCHAR,
    unit VARCHAR, unit_factor INTEGER, is_total BOOLEAN, footnote VARCHAR, page INTEGER, line INTEGER,
    bbox DOUBLE[], label_page INTEGER, label_bbox DOUBLE[]);
CREATE TABLE IF NOT EXISTS goals (
    document VARCHAR, text VARCHAR, value DOUBLE, unit VARCHAR, comparator VARCHAR, level VARCHAR,
    insats VARCHAR, year INTEGER, sentence VARCHAR, page INTEGER, line INTEGER, bbox DOUBLE[]);
CREATE TABLE IF NOT EXISTS percentages (
    document VARCHAR, value DOUBLE, kind VARCHAR, text VARCHAR, sentence VARCHAR, page INTEGER,
    line INTEGER, bbox DOUBLE[]);
CREATE TABLE IF NOT EXISTS members (
    document VARCHAR, name VARCHAR, kind VARCHAR, page INTEGER, line INTEGER);
CREATE TABLE IF NOT EXISTS prose_amounts (
    document VARCHAR, text VARCHAR, amount_sek BIGINT, approx BOOLEAN, year INTEGER, linked_label VARCHAR,
    sentence VARCHAR, page INTEGER, line INTEGER, bbox DOUBLE[]);
CREATE TABLE IF NOT EXISTS findings (
    document VARCHAR, kind VARCHAR, severity VARCHAR, verdict VARCHAR, table_no INTEGER, label VARCHAR,
    year INTEGER, stated DOUBLE, computed DOUBLE, difference DOUBLE, tolerance DOUBLE, rows_used VARCHAR,
    page INTEGER, line INTEGER, bbox DOUBLE[], explanation VARCHAR, run_id VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, stage VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP,
    documents INTEGER, changed VARCHAR[], removed VARCHAR[], counts VARCHAR);
-- added with the NLP and the report (issues 4, 6); ALTER keeps warehouses built before it
ALTER TABLE documents ADD COLUMN IF NOT EXISTS adopted VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS board_members INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS board_deputies INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS source_path VARCHAR;
ALTER TABLE goals ADD COLUMN IF NOT EXISTS unit_lemma VARCHAR;
-- how fully each document was read (ok / partial / no tables) and the extract's warnings (JSON) naming pages
ALTER TABLE documents ADD COLUMN IF NOT EXISTS read_status VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS warnings VARCHAR;
-- a finding's difference as a share of the figure it concerns (issue 13: rank findings by materiality)
ALTER TABLE findings ADD COLUMN IF NOT EXISTS materiality DOUBLE;
-- issue 14: the lowest tesseract confidence (0-100) of the words an OCR'd amount was read from; NULL when born digital
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS ocr_confidence DOUBLE;
-- issue 16: an analyst's SUM counts each plan once, lines not totals, income apart from costs.
-- A document is primary unless it is a copy of another (the same bytes, or the same plan in another
-- format): then copy_of names the primary and copy_reason says why (pipeline/copies.py, set by load).
ALTER TABLE documents ADD COLUMN IF NOT EXISTS is_primary BOOLEAN;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS copy_of VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS copy_reason VARCHAR;
-- side: intäkt | kostnad | resultat | NULL (equity, balances, lines no word claims); side_amount_sek: the
-- amount as a positive figure of its side (a cost printed with a minus, resultaträkning style, turned)
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS side VARCHAR;
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS side_amount_sek BIGINT;
-- issue 16, a warehouse you can sum: with these, an analyst's
--   SELECT document, sum(amount_sek) FROM budget_lines
--   WHERE is_primary AND NOT is_total AND flow = 'kostnad' AND year = 2025 GROUP BY document
-- counts each plan once, lines not totals, and no row that only repeats another table's total.
-- flow: intäkt | kostnad | resultat | balans | NULL (pipeline/flows.py); repeats_total names the total a
-- row repeats (then flow is NULL); category: individinriktade | strukturövergripande | administration |
-- statlig finansiering | finansiering från kommun, region m.fl. | NULL; is_primary: documents.is_primary.
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS flow VARCHAR;
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS category VARCHAR;
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS repeats_total VARCHAR;
ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS is_primary BOOLEAN;
-- The budget lines of primary documents only, with who and which plan year:
--   SELECT forbund, year, sum(amount_sek) FROM primary_budget_lines
--   WHERE NOT is_total AND side = 'kostnad' AND column_kind = 'budget' GROUP BY ALL
CREATE OR REPLACE VIEW primary_budget_lines AS
    SELECT b.*, d.forbund, d.plan_year FROM budget_lines b JOIN documents d USING (document) WHERE d.is_primary;
-- what extract wrote for the document (issue 17): load reloads a document only when this changed, so a
-- re-extraction that finds the same records (an edited word list that changed nothing here) loads nothing
ALTER TABLE documents ADD COLUMN IF NOT EXISTS records_digest VARCHAR;
-- issue 17: the evidence crops of a document's findings (a PNG of the page region, the cells marked),
-- drawn by the check stage as it checks the document and written in the same transaction as its
-- findings; key: pipeline/report/crops.py crop_job (the source file's state, the page, the marks, the
-- crop code). The report inlines them and draws only the crops it finds none for.
CREATE TABLE IF NOT EXISTS evidence_crops (document VARCHAR, page INTEGER, key VARCHAR, png BLOB);
