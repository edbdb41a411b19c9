"""Provenance from git: when each article and note was added and changed, read once a build."""
