"""The site's HTML, as pure functions of the model: article pages, lists and collections.

Nothing here reads a file or knows MkDocs; a test can call any function with a hand-made
``Article``.
"""
