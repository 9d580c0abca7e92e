"""Writes with side effects: every change of an annual record and every workflow step."""
