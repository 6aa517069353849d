"""A realistic Vietnamese demo shop, so a newcomer sees every flow work at once.

Everything is written through `Loyalty` (not raw inserts), so the demo history is a real
journal that `verify` proves, and the demo exercises the same code as a real till.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from loyalty_core.cardkinds import capabilities
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
    cards["voucher"] = loyalty.issue_vouchers(
        new_id(),
        cashier,
        kind="fixed",
        value=50_000,
        valid_from=today.isoformat(),
        valid_to=(today + timedelta(days=60)).isoformat(),
        min_spend=300_000,
        member_id=loyalty.customer_view(numbers[0])["member"]["id"],
        codes=["SINHNHAT50"],
    )["codes"][0]
    cards["bulk_vouchers"] = loyalty.issue_vouchers(
        new_id(),
        cashier,
        kind="percent",
        value=1_000,
        valid_from=today.isoformat(),
        valid_to=(today + timedelta(days=30)).isoformat(),
        count=3,
        codes=["GIAM10A", "GIAM10B", "GIAM10C"],
    )["codes"]
    loyalty.buy_membership(new_id(), cashier, numbers[2], "vip", shift_id=shift)
    with store.write() as s:
        s.merge(Setting(key="demo_cards", value=json.dumps(cards)))
    return cards


def _programs(loyalty: Loyalty, today: date) -> None:
    """One program of each kind, so the counter shows every one of them."""
    loyalty.define_program(
        "discount_card",
        "Thẻ giảm giá: chi 2.000.000 ₫ trong tháng, giảm 10%",
        {"threshold": 2_000_000, "bp": 1_000, "period": "month"},
    )
    loyalty.define_program(
        "cashback", "Hoàn tiền 2% vào thẻ trả trước", {"bp": 200, "expiry_days": 90}
    )
    loyalty.define_program("birthday", "Tuần sinh nhật", {"window_days": 7, "multiplier_pct": 200})
    loyalty.define_program(
        "occasion",
        "Black Friday",
        {"multiplier_pct": 150},
        starts_on=(today - timedelta(days=1)).isoformat(),
        ends_on=(today + timedelta(days=5)).isoformat(),
    )
    loyalty.define_program(
        "occasion",
        "Tết Nguyên Đán",
        {"multiplier_pct": 300},
        starts_on=f"{today.year + 1}-02-01",
        ends_on=f"{today.year + 1}-02-10",
    )
    loyalty.define_program("enrol_bonus", "Quà chào mừng thành viên mới", {"points": 50})
    loyalty.define_program("referral", "Giới thiệu bạn bè", {"referrer_points": 100})
    loyalty.define_program(
        "coalition", "Đổi dặm Lotusmiles", {"partner": "lotusmiles", "ours": 1, "theirs": 3}
    )
    loyalty.define_reward("COC", "Cốc sứ in logo", 80, stock=12)
    loyalty.define_reward("TUI", "Túi vải canvas", 150, stock=5)
    loyalty.define_reward("VOUCHER100", "Phiếu mua hàng 100.000 ₫", 100, stock=50)
    loyalty.define_reward("LOA", "Loa bluetooth", 2_000, stock=0)
    loyalty.define_plan(
        "vip", "Hội viên VIP (năm)", 499_000, 365, discount_bp=300, earn_multiplier_pct=150
    )
