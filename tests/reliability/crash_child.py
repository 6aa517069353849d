"""The process the crash test kills: a till doing counter work as fast as it can.

Run as ``python -m tests.reliability.crash_child DB ACK_LOG INTENT_LOG SEED MAX_OPS``.

It behaves like the cashier program after a power cut: before each service call it records what
it is about to do (the intent, with its operation id) and, after the call returned, appends the
operation id and the result to the acknowledged log and fsyncs it. On start it first retries the
last intent that was never acknowledged, with the same operation id, exactly as a till retries a
"confirm" whose answer it never saw. The parent SIGKILLs it at random instants and then checks
that every acknowledged operation is in the database exactly once and nothing is half-written.

Both logs are JSON lines. A line is only trusted when it ends in a newline: a kill may tear the
last one, so on start a torn tail is cut off before anything is appended.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path
from typing import Any

from loyalty_core.demo import seed_demo
from loyalty_core.engine import Loyalty
from loyalty_core.errors import LoyaltyError
from loyalty_core.ids import new_id
from loyalty_core.store import Store

SUPERVISOR_CODE, SUPERVISOR_PIN = "2001", "5678"
CASHIER_CODE = "1001"


def cut_torn_tail(path: Path) -> None:
    """Drop a last line without its newline: it was being written when the kill came."""
    if not path.exists():
        return
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep != len(data):
        with path.open("r+b") as fh:
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())


def read_lines(path: Path) -> list[dict[str, Any]]:
    """Every complete JSON line of a log (a torn tail is ignored, never half-parsed)."""
    if not path.exists():
        return []
    data = path.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    return [json.loads(line) for line in complete.splitlines() if line.strip()]


def append_synced(path: Path, record: dict[str, Any]) -> None:
    """Append one line and fsync: the acknowledgement must outlive the kill that follows."""
    line = (json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    with path.open("ab") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


def call(loyalty: Loyalty, intent: dict[str, Any]) -> dict[str, Any]:
    """Replay one intent against the engine; the same intent always makes the same call."""
    op, kind, a = intent["op"], intent["kind"], intent["args"]
    if kind == "checkout":
        return loyalty.checkout(
            op,
            a["staff"],
            a["card"],
            a["amount"],
            points_to_redeem=a["points"],
            stored_value_to_use=a["sv"],
            shift_id=a["shift"],
        )
    if kind == "topup":
        return loyalty.top_up(op, a["staff"], a["card"], a["amount"], shift_id=a["shift"])
    if kind == "approval":
        # An approval's operation id is the approval id the engine makes; a retry of a lost
        # approval simply asks again (the supervisor re-enters the PIN), so it is not replayed.
        approval_id = loyalty.approve(
            "refund",
            {"sale_id": a["sale"]},
            a["staff"],
            code=SUPERVISOR_CODE,
            pin=SUPERVISOR_PIN,
            amount=10**12,
            for_card=a.get("card"),
        )
        return {"approval_id": approval_id}
    if kind == "refund":
        return loyalty.refund(
            op,
            a["staff"],
            a["sale"],
            a["amount"],
            reason="Khách trả hàng",
            approval_id=a["approval"],
            shift_id=a["shift"],
        )
    raise ValueError(f"unknown intent kind {kind}")


def plan(
    rng: random.Random, loyalty: Loyalty, cards: dict[str, Any], staff: str, shift: str | None
) -> dict[str, Any]:
    """Pick the next thing a cashier does, valid against the current balances."""
    roll = rng.random()
    if roll < 0.15:
        number = rng.choice((cards["prepaid"], cards["combined"]))
        amount = rng.randrange(1, 40) * 10_000
        return {"kind": "topup", "args": {"staff": staff, "card": number, "amount": amount}}
    number = rng.choice((cards["member"], cards["gold"], cards["combined"], cards["prepaid"]))
    amount = rng.randrange(20, 2_000) * 1_000
    view = loyalty.customer_view(number)
    points, sv = 0, 0
    if roll < 0.45 and view["balances"]["points"] > 0:
        # Redeem: at most 400 points (400 000 đ, under the approval threshold) and the bill.
        points = rng.randrange(1, min(view["balances"]["points"], 400, amount // 2_000) + 1)
    if 0.45 <= roll < 0.6 and view["balances"]["stored_value"] > 0:
        sv = rng.randrange(1, min(view["balances"]["stored_value"], amount // 2) + 1)
    return {
        "kind": "checkout",
        "args": {"staff": staff, "card": number, "amount": amount, "points": points, "sv": sv},
    }


def main(argv: list[str]) -> int:
    db, ack_path, intent_path = Path(argv[0]), Path(argv[1]), Path(argv[2])
    rng = random.Random(int(argv[3]))
    max_ops = int(argv[4])
    cut_torn_tail(ack_path)
    cut_torn_tail(intent_path)
    store = Store.open(db)
    loyalty = Loyalty(store)
    cards = seed_demo(store)
    staff = loyalty.authenticate(code=CASHIER_CODE, pin="1234")["id"]
    shift = loyalty.open_shift_id()

    acked = {a["op"] for a in read_lines(ack_path)}
    intents = read_lines(intent_path)
    sales = [
        (a["op"], a["result"]["sale_id"], a["result"]["net"], a["args"]["card"])
        for a in read_lines(ack_path)
        if a["kind"] == "checkout"
    ]
    refunded = {a["args"]["sale"] for a in intents if a["kind"] in ("refund", "approval")}
    # The retry after the crash: the last intent, same operation id, if never acknowledged.
    if intents and intents[-1]["op"] not in acked and intents[-1]["kind"] != "approval":
        last = intents[-1]
        append_synced(ack_path, {**last, "result": call(loyalty, last), "retried": True})
    print("ready", flush=True)
    done = 0
    while done < max_ops:
        refundable = [s for s in sales if s[1] not in refunded]
        if refundable and rng.random() < 0.1:
            op_sale, sale_id, net, card = rng.choice(refundable)
            refunded.add(sale_id)
            amount = rng.choice((None, max(1, net // 3)))
            ask = {
                "op": new_id(),
                "kind": "approval",
                "args": {"staff": staff, "sale": sale_id, "card": card},
            }
            append_synced(intent_path, ask)
            try:
                approval = call(loyalty, ask)
            except LoyaltyError as exc:  # e.g. the sale was refunded in an unacked run
                append_synced(intent_path, {**ask, "refused": exc.code})
                continue
            append_synced(ack_path, {**ask, "op": approval["approval_id"], "result": approval})
            intent = {
                "op": new_id(),
                "kind": "refund",
                "args": {
                    "staff": staff,
                    "sale": sale_id,
                    "amount": amount,
                    "approval": approval["approval_id"],
                    "shift": shift,
                },
            }
        else:
            intent = {"op": new_id(), **plan(rng, loyalty, cards, staff, shift)}
            intent["args"]["shift"] = shift
        append_synced(intent_path, intent)
        result = call(loyalty, intent)
        append_synced(ack_path, {**intent, "result": result})
        if intent["kind"] == "checkout":
            sales.append((intent["op"], result["sale_id"], result["net"], intent["args"]["card"]))
        done += 1
    store.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
