"""Demo data of the satisfaction survey (placeholder, filled below)."""


def load_surveys_demo():
    return None
