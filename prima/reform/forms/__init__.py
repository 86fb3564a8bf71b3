"""Forms of the reform app, by topic: teams, plans, reports (with evidence and answers),
events, evaluation; shared pieces in ``common``."""
