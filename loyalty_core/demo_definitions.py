"""The demo chain's definitions (programs of every kind, a paid plan, a coalition partner,
vouchers), as head office holds them.

The demo's head office (`sync.headoffice.demo`) defines these, and the demo till
(`loyalty_core.demo`) applies the same objects through the pull's path before its first pull, so
it can sell with them at once; the pull then brings the very same versions (same codes, versions,
ids and bodies: nothing changes). They depend on the year only, so a head office and a till
seeded on different days of a year agree.
"""

from __future__ import annotations

from typing import Any

EFFECTIVE = "2020-01-01T00:00:00Z"


def _env(kind: str, code: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "code": code, "version": 1, "effective_from": EFFECTIVE,
            "store_id": None, "body": body}


def _program(code: str, kind: str, name: str, params: dict[str, Any],
             starts_on: str | None = None, ends_on: str | None = None) -> dict[str, Any]:
    return _env("program", code, {"kind": kind, "name": name, "params": params,
                                  "starts_on": starts_on, "ends_on": ends_on})


def demo_definitions(year: int) -> list[dict[str, Any]]:
    """One program of each kind (so the counter shows every one), the VIP plan, Lotusmiles,
    and the demo's voucher codes."""
    voucher_terms = {"valid_from": "2020-01-01", "valid_to": f"{year + 1}-12-31"}
    return [
        _program("the-giam-gia", "discount_card",
                 "Thẻ giảm giá: chi 2.000.000 ₫ trong tháng, giảm 10%",
                 {"threshold": 2_000_000, "bp": 1_000, "period": "month"}),
        _program("hoan-tien", "cashback", "Hoàn tiền 2% vào thẻ trả trước",
                 {"bp": 200, "expiry_days": 90}),
        _program("sinh-nhat", "birthday", "Tuần sinh nhật",
                 {"window_days": 7, "multiplier_pct": 200}),
        _program("tuan-le-vang", "occasion", "Tuần lễ vàng", {"multiplier_pct": 150}),
        _program(f"tet-{year + 1}", "occasion", "Tết Nguyên Đán", {"multiplier_pct": 300},
                 starts_on=f"{year + 1}-02-01", ends_on=f"{year + 1}-02-10"),
        _program("chao-mung", "enrol_bonus", "Quà chào mừng thành viên mới", {"points": 50}),
        _program("gioi-thieu", "referral", "Giới thiệu bạn bè", {"referrer_points": 100}),
        _env("partner", "lotusmiles", {"name": "Đổi dặm Lotusmiles", "ours": 1, "theirs": 3}),
        _env("plan", "vip", {"name": "Hội viên VIP (năm)", "fee": 499_000, "term_days": 365,
                             "discount_bp": 300, "earn_multiplier_pct": 150}),
        _env("voucher", "SINHNHAT50", {"kind": "fixed", "value": 50_000, "min_spend": 300_000,
                                       **voucher_terms}),
        *(_env("voucher", code, {"kind": "percent", "value": 1_000, **voucher_terms})
          for code in ("GIAM10A", "GIAM10B", "GIAM10C")),
    ]
