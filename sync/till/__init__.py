"""The till's side of sync: HTTP client, background worker, offline stored-value guard.

Never imports head office (`sync.headoffice`): the demo's head office runs as a child process.
"""
