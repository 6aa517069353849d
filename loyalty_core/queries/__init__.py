"""The query layer: every question the domain modules ask the database, answered once.

Domain modules (cards, members, sales, refunds, ...) hold no SQL: they call these functions,
which answer with the frozen rows of `loyalty_core.rows` (or plain ints and strings). Raw sqlite3
(`rawsql`) is used on the hot paths; the ORM stays for the few admin writes (staff, definitions)
and the staff log-in, whose PIN check updates the staff row.
"""
