"""The importer: turns compilation and newspaper texts into draft case records.

The pipeline is decode → script → repair → split → extract → store; every stage but the last is pure
(text in, data out) so it can be run with ``--dry-run`` and measured by ``evaluate_import``.
"""
