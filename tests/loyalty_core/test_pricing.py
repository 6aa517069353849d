"""Pricing is a pure function of a snapshot of facts: these build the facts by hand, no DB."""

from __future__ import annotations

from datetime import date

import pytest

from loyalty_core.errors import LoyaltyError
from loyalty_core.pricing import benefits, price
from loyalty_core.programs import Facts
from loyalty_core.rows import CardRow, MemberRow, MembershipRow, ProgramRow, TierRow, VoucherRow
from loyalty_core.rules import Rules, merged_rules

DAY = date(2026, 11, 27)
RULES = Rules(1, merged_rules())
GOLD = TierRow("t3", "gold", "Vàng", 3, 20_000_000, 150, 500)


def card(kind: str, member: str | None = "m1") -> CardRow:
    return CardRow("c1", "8801000000000001", kind, "active", None, None, None, member)


def member(birthday: str | None = None) -> MemberRow:
    return MemberRow("m1", "Nguyễn Văn An", None, birthday, "t3")


def program(kind: str, pid: str, **params: object) -> ProgramRow:
    return ProgramRow(pid, kind, kind.title(), dict(params), None)


def test_best_discount_wins_and_multipliers_stack() -> None:
    vip = MembershipRow("p1", "2026-01-01", "2026-12-31", "VIP", "vip", 800, 120)
    facts = Facts(
        today=DAY,
        card=card("combined"),
        member=member(birthday="1990-11-28"),
        tier=GOLD,
        membership=vip,
        programs={
            "birthday": (program("birthday", "b", window_days=3, multiplier_pct=200),),
            "occasion": (program("occasion", "o", multiplier_pct=150),),
            "cashback": (program("cashback", "cb", bp=200),),
        },
    )
    q = price(facts, RULES, 1_000_000, 0, 0)
    assert (q["discount_bp"], q["discount_source"]) == (800, "membership")
    assert q["multipliers"] == {"tier": 150, "membership": 120, "campaign": 200}
    assert q["net"] == 920_000
    # 920,000 đồng / 10,000 x 1.5 x 1.2 x 2, rounded down once.
    assert q["points_earned"] == 331
    assert q["cashback"] == 920_000 * 200 // 10_000
    assert [o["kind"] for o in benefits(facts).offers] == ["birthday", "occasion", "cashback"]


def test_capabilities_decide_what_a_card_may_pay_with_and_earn() -> None:
    gift = Facts(today=DAY, card=card("gift", member=None), balances={"stored_value": 50_000})
    with pytest.raises(LoyaltyError) as exc:
        price(gift, RULES, 100_000, 10, 0)
    assert exc.value.code == "card.no_points"
    q = price(gift, RULES, 100_000, 0, 50_000)
    assert (q["cash_due"], q["points_earned"]) == (50_000, 0)
    cashback = {"cashback": (program("cashback", "cb", bp=200),)}
    member_card = Facts(today=DAY, card=card("member"), programs=cashback)
    assert price(member_card, RULES, 100_000, 0, 0)["cashback"] == 0


def test_discount_card_reads_only_the_spend_gathered_for_it() -> None:
    dc = program("discount_card", "d", threshold=2_000_000, bp=1_000)
    facts = Facts(
        today=DAY,
        card=card("discount"),
        programs={"discount_card": (dc,)},
        program_facts={"d": {"period_spend": 2_100_000}},
    )
    q = price(facts, RULES, 100_000, 0, 0)
    assert (q["discount_bp"], q["discount_source"]) == (1_000, "discount_card")
    locked = Facts(today=DAY, card=card("discount"), programs={"discount_card": (dc,)})
    assert benefits(locked).discount_card["remaining"] == 2_000_000  # type: ignore[index]


def test_voucher_applies_after_the_percentage_discount() -> None:
    voucher = VoucherRow(
        "v1", "TET-2026", "fixed", 50_000, 0, 1, 0, "2026-11-01", "2026-11-30", None
    )
    facts = Facts(today=DAY, card=card("member"), tier=GOLD, voucher=voucher)
    q = price(facts, RULES, 100_000, 0, 0, "TET-2026")
    assert (q["discount"], q["voucher_discount"], q["voucher_id"]) == (55_000, 50_000, "v1")
    with pytest.raises(LoyaltyError) as exc:
        price(Facts(today=DAY, card=card("member")), RULES, 100_000, 0, 0, "NOPE-1")
    assert exc.value.code == "voucher.unknown"
