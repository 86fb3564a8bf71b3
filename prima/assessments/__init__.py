"""Self-assessments (penilaian mandiri): worksheets as versioned YAML data files
(``worksheets/``), the pure scoring engine (``scoring.py``), filling with evidence, verification
by the level above, comparison across satkers and years, XLSX import/export.

Other apps ask for the worksheet in force with ``prima.assessments.worksheet.worksheet_for(kind,
year)`` (e.g. reform evaluation of 2024 and later: ``worksheet_for("rb", 2024)`` is RB General,
PermenPANRB 9/2023; earlier years PMPRB, PermenPANRB 26/2020).
"""
