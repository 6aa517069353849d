"""The till's operations, one module per domain (as Anki's `aqt/operations`).

Screens and dialogs do not call the engine themselves: they ask a module here for a `QueryOp`
or a `CollectionOp` (or, for a stored-value sale, an op chained over two lanes), attach what to
do with the outcome and run it. An op is a callable taking the `Loyalty` facade, handed in by
the runner on its worker thread, so an op carries only its inputs. Inputs with more than a few
fields travel as frozen dataclasses; results are the engine's dicts, or a small frozen dataclass
where the app adds something of its own (`sales.Paid`).

Nothing here imports the engine at run time: the window opens before the database does.
"""
