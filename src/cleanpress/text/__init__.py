"""How text is read: URLs (as written and disguised), the links that carry them, lines and their
decoration, domain lists, invisible characters and the vocabulary of calls to action and pitches."""
