"""The pipeline: one walk over the project into an ``Edition``, and one build's state.

Loads and anchors every article folder (through the build cache), then gathers what the
reuse outputs need. The only layer that joins loaders, matcher and outputs.
"""
