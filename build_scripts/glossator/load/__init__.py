"""Loaders: files into the model, every file ending as data or as located problems.

The only layer that reads the project's files. It imports the model and the rules
(``fields``, ``problems``, ``project``, ``suggest``, ``text``), never the matcher or an output.
"""
