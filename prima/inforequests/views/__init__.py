"""Views of information requests, by topic: ``public`` (request form, tracking, downloads,
register, DIP), ``inbox`` (the officer's inbox and offline entry), ``requests`` (one request's
file and its workflow steps), ``objections``, ``dip`` (consequence tests and the Daftar
Informasi Publik) and ``reports`` (annual report and XLSX registers); shared helpers in
``common``."""
