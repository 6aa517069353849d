"""The sync wire format and request signing, shared by the till and head office.

A leaf: it imports nothing of ours but `loyalty_core.canonical` (the entry hash), so both ends
can depend on it without depending on each other.
"""
