"""Head office: the HTTP API, CLI, database and the service modules behind them.

Imports the wire leaf and pure `loyalty_core` helpers only, never the till's store or Qt.
"""
