"""What a build publishes for reuse: W3C annotations, JSON-LD, Atom feeds, citations, and
the HTML that offers them. Pure functions of the model (and the history, when known).
"""
