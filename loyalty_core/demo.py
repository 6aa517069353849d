"""A realistic Vietnamese demo shop, so a newcomer sees every flow work at once.

Everything is written through `Loyalty` (not raw inserts), so the demo history is a real
journal that `verify` proves, and the demo exercises the same code as a real till.
"""

from __future__ import annotations

import json
import random
from datetime import date
from typing import Any

from sqlalchemy import select

from loyalty_core.cardkinds import capabilities
from loyalty_core.demo_definitions import demo_definitions
from loyalty_core.engine import Loyalty
from loyalty_core.ids import iso_utc, new_id, utcnow
from loyalty_core.models import RuleVersion, Setting, Tier
from loyalty_core.rules import DEFAULT_RULES
from loyalty_core.store import Store

TIERS = (
    # code, name, rank, threshold (VND qualifying spend), earn x%, discount bp, birthday points
    ("member", "Thành viên", 1, 0, 100, 0, 50),
    ("silver", "Bạc", 2, 5_000_000, 110, 200, 100),
    ("gold", "Vàng", 3, 20_000_000, 125, 500, 200),
    ("platinum", "Bạch Kim", 4, 50_000_000, 150, 1_000, 500),
)

STAFF = (
    ("1001", "Nguyễn Thị Lan", "cashier", "1234", "04A11001C0FFEE"),
    ("1002", "Lê Hoàng Nam", "cashier", "2468", None),
    ("2001", "Trần Văn Minh", "supervisor", "5678", "04A12001C0FFEE"),
    ("3001", "Phạm Thu Hà", "manager", "9999", None),
)

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Đức", "Kim")
GIVEN = (
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hải",
    "Hạnh",
    "Hùng",
    "Khánh",
    "Linh",
    "Mai",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
    "Đạt",
)


def seed_demo(store: Store, members: int = 40, seed: int = 2026) -> dict[str, Any]:
    """Seed once; on a database that already has the demo, return its demo cards."""
    loyalty = Loyalty(store)
    with store.read() as s:
        existing = s.scalar(select(Setting.value).where(Setting.key == "demo_cards"))
    if existing:
        return json.loads(existing)
    rng = random.Random(seed)
    with store.write() as s:
        s.add(
            RuleVersion(
                version=1,
                effective_from=iso_utc(utcnow().replace(year=2020)),
                rules=dict(DEFAULT_RULES),
            )
        )
        for code, name, rank, threshold, mult, disc, bday in TIERS:
            s.add(
                Tier(
                    id=new_id(),
                    code=code,
                    name=name,
                    rank=rank,
                    threshold=threshold,
                    earn_multiplier_pct=mult,
                    discount_bp=disc,
                    birthday_points=bday,
                )
            )
        s.merge(Setting(key="till_name", value="Cửa hàng Quận 1 — Quầy 1"))
    today = loyalty.core.today(loyalty.rules())  # the shop's day, in the rules' time zone
    _programs(loyalty, today=today)
    staff = {
        code: loyalty.add_staff(code, name, role, pin, card)
        for code, name, role, pin, card in STAFF
    }
    cashier = staff["1001"]
    shift = loyalty.open_shift(new_id(), cashier, 2_000_000)["shift_id"]
    cards: dict[str, Any] = {"staff": {code: card for code, _n, _r, _p, card in STAFF if card}}
    numbers: list[str] = []
    for i in range(members):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        phone = f"09{rng.randrange(10_000_000, 99_999_999)}"
        year = rng.randrange(1960, 2005)
        birthday = (
            today.replace(year=year).isoformat()
            if i == 0
            else f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        )
        kind = "combined" if i % 5 == 1 else "member"
        r = loyalty.enroll_member(
            new_id(),
            cashier,
            name,
            phone=phone,
            birthday=birthday,
            consent_marketing=rng.random() < 0.6,
            card_kind=kind,
        )
        numbers.append(r["card_number"])
        if capabilities(kind).reloadable:
            loyalty.top_up(
                new_id(),
                cashier,
                r["card_number"],
                rng.choice((200_000, 500_000, 1_000_000)),
                shift_id=shift,
            )
        for _ in range(rng.randrange(1, 6)):
            loyalty.checkout(
                new_id(),
                cashier,
                r["card_number"],
                rng.randrange(50, 3_000) * 1_000,
                shift_id=shift,
            )
    # A loyal customer in the gold tier and one who is close to it.
    for _ in range(4):
        loyalty.checkout(new_id(), cashier, numbers[2], 5_500_000, shift_id=shift)
    cards["member"] = numbers[0]  # birthday today
    cards["gold"] = numbers[2]
    cards["combined"] = numbers[1]
    prepaid = loyalty.issue_card(new_id(), cashier, "prepaid", activate=True)
    loyalty.top_up(new_id(), cashier, prepaid["number"], 1_000_000, shift_id=shift)
    cards["prepaid"] = prepaid["number"]
    cards["gift"] = loyalty.sell_gift_card(new_id(), cashier, 500_000, shift_id=shift)[
        "card_number"
    ]
    cards["gift_pending"] = loyalty.issue_card(new_id(), cashier, "gift")["number"]
    cards["discount"] = loyalty.issue_card(new_id(), cashier, "discount", activate=True)["number"]
    blocked = numbers[3]
    loyalty.set_card_status(new_id(), staff["2001"], blocked, "blocked", "Khách báo mất thẻ")
    cards["blocked"] = blocked
    cards["voucher"] = "SINHNHAT50"  # head office's vouchers (loyalty_core.demo_definitions)
    cards["bulk_vouchers"] = ["GIAM10A", "GIAM10B", "GIAM10C"]
    loyalty.buy_membership(new_id(), cashier, numbers[2], "vip", shift_id=shift)
    with store.write() as s:
        s.merge(Setting(key="demo_cards", value=json.dumps(cards)))
    return cards


def _programs(loyalty: Loyalty, today: date) -> None:
    """Head office's definitions (one program of each kind, the plan, the partner, vouchers),
    applied as a pull applies them; the demo's head office holds the same ones."""
    loyalty.apply_definitions(demo_definitions(today.year))
    loyalty.define_reward("COC", "Cốc sứ in logo", 80, stock=12)
    loyalty.define_reward("TUI", "Túi vải canvas", 150, stock=5)
    loyalty.define_reward("VOUCHER100", "Phiếu mua hàng 100.000 ₫", 100, stock=50)
    loyalty.define_reward("LOA", "Loa bluetooth", 2_000, stock=0)
