"""Views of the reform app, by topic: ``home``, ``teams``, ``plans``, ``reports`` (with
evidence and the answers to the evaluator), ``events``, ``evaluation``, ``dashboards`` and
``public``; shared helpers in ``common``."""
