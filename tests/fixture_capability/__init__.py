"""A capability that exists only for tests: installed by the ``fixture_capability`` fixture,
it proves that a new app shows up on every shared page (navigation, staff home, satker page,
audit labels, permission matrix) with no edit outside its own package."""
