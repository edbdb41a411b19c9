"""The contributor's tools behind the CLI and the page's Propose button: drafting a note,
fixing selectors, importing other tools' annotations, the tables of list/stats/anchors.
"""
