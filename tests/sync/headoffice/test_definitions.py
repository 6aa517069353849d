"""Head office's definitions service and its CLI: versions, retries, conflicts, batches, CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loyalty_core.definitions_schema import VOUCHER_ALPHABET, definition_id
from sync.headoffice.cli import main
from sync.headoffice.db import make_engine, migrate
from sync.headoffice.office import HeadOffice, ServiceError

PAST = "2020-01-01T00:00:00Z"
PLAN = {"name": "VIP", "fee": 499_000, "term_days": 365, "discount_bp": 300}
VOUCHER = {"kind": "fixed", "value": 50_000, "valid_from": "2026-01-01", "valid_to": "2026-12-31"}


@pytest.fixture
def ho(ho_db_url: str) -> HeadOffice:
    engine = make_engine(ho_db_url)
    migrate(engine)
    return HeadOffice(engine)


def test_versions_retries_and_conflicts(ho: HeadOffice) -> None:
    first = ho.set_definition("plan", {"code": "vip", "effective_from": PAST, "body": PLAN})
    assert first.version == 1 and first.id == definition_id("plan", "vip", 1)
    again = ho.set_definition("plan", {"code": "vip", "version": 1, "effective_from": PAST,
                                       "body": PLAN})
    assert again == first  # a retried request changes nothing
    with pytest.raises(ServiceError) as err:
        ho.set_definition("plan", {"code": "vip", "version": 1, "effective_from": PAST,
                                   "body": {**PLAN, "fee": 1}})
    assert (err.value.status, err.value.code) == (409, "definition.conflict")
    second = ho.set_definition("plan", {"code": "vip", "effective_from": PAST,
                                        "body": {**PLAN, "fee": 599_000}})
    assert second.version == 2 and second.id == first.id  # a plan keeps its id
    ho.set_definition("plan", {"code": "vip", "version": 5, "effective_from": PAST, "body": PLAN})
    with pytest.raises(ServiceError) as err:
        ho.set_definition("plan", {"code": "vip", "version": 3, "effective_from": PAST,
                                   "body": PLAN})
    assert (err.value.status, err.value.code) == (409, "definition.stale_version")
    assert [(d.code, d.version) for d in ho.definitions("plan")] == [("vip", 5)]
    program = ho.set_definition("program", {
        "code": "tet", "effective_from": "2027-02-01T00:00:00+07:00",
        "body": {"kind": "occasion", "name": "Tết", "params": {"multiplier_pct": 300}}})
    assert program.effective_from == "2027-01-31T17:00:00.000000Z"  # stored in UTC
    with pytest.raises(ServiceError) as err:
        ho.set_definition("voucher", {"code": "FOR-HOA", "effective_from": PAST,
                                      "body": {**VOUCHER, "member_id": "nobody"}})
    assert err.value.detail == ["body.member_id: no such member"]
    ho.set_definition("voucher", {"code": "Tet-1", "effective_from": PAST, "body": VOUCHER})
    again = ho.set_definition("voucher", {"code": " tet-1 ", "effective_from": PAST,
                                          "body": {**VOUCHER, "value": 60_000}})
    assert (again.code, again.version) == ("TET-1", 2)  # codes compare as typed at a counter


def test_a_batch_is_all_or_nothing_with_unguessable_codes(ho: HeadOffice) -> None:
    batch, codes = ho.generate_vouchers(500, VOUCHER, PAST, prefix="q1")
    assert len(set(codes)) == 500
    assert all(c.startswith("Q1") and len(c) == 14 and set(c[2:]) <= set(VOUCHER_ALPHABET)
               for c in codes)
    assert sorted(r["code"] for r in ho.voucher_batch(batch)) == codes
    for count in (0, 10_001, 1.5, True, "3"):
        with pytest.raises(ServiceError) as err:
            ho.generate_vouchers(count, VOUCHER, PAST)  # type: ignore[arg-type]
        assert err.value.status == 422 and err.value.detail[0].startswith("count:")
    with pytest.raises(ServiceError):
        ho.generate_vouchers(3, {**VOUCHER, "batch": "mine"}, PAST)
    assert len(ho.definitions("voucher")) == 500


def test_cli_defines_generates_and_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'ho.sqlite3'}"]
    assert main(["define", "partner", '{"code": "lotusmiles", "effective_from": "' + PAST
                 + '", "body": {"name": "Lotusmiles", "ours": 1, "theirs": 3}}', *db]) == 0
    assert main(["define", "program", '{"code": "x", "effective_from": "soon", "body": '
                 '{"kind": "cashback", "name": "x", "params": {"bp": 1.5}}}', *db]) == 2
    refused = capsys.readouterr().err
    assert "effective_from:" in refused and "body.params.bp:" in refused
    out = tmp_path / "batch.csv"
    assert main(["vouchers", "generate", "--count", "4", "--effective-from", PAST,
                 "--body", '{"kind": "percent", "value": 1000, "valid_from": "2026-01-01", '
                 '"valid_to": "2026-02-01"}', "--csv", str(out), *db]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4 and {r["value"] for r in rows} == {"1000"}
    batch = rows[0]["batch"]
    capsys.readouterr()
    assert main(["vouchers", "export", batch, *db]) == 0
    assert sorted(r["code"] for r in csv.DictReader(capsys.readouterr().out.splitlines())) == \
        sorted(r["code"] for r in rows)
    assert main(["definitions", "--kind", "partner", *db]) == 0
    assert '"lotusmiles"' in capsys.readouterr().out
