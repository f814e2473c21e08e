"""Read Bình Phước's and Đồng Nai's units from the `vietnamadminunits` package (no network).

The package ships an SQLite dataset (63-province legacy table, 34-province table from
01/07/2025) and a JSON map from old communes to new ones. We read the files directly: its
address converter may geocode through the internet, which is forbidden at run time.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from importlib import resources

LEGACY_PROVINCE_KEY = "tinhbinhphuoc"
NEW_PROVINCE_KEY = "tinhdongnai"


@dataclass(frozen=True)
class SourceUnit:
    code: str
    name: str
    short_name: str
    unit_type: str
    key: str
    latitude: float | None
    longitude: float | None
    parent_code: str | None


@dataclass(frozen=True)
class SourceSuccession:
    old_ward_code: str
    new_ward_code: str
    is_primary: bool


@dataclass(frozen=True)
class UnitsSource:
    legacy_province: SourceUnit
    legacy_districts: list[SourceUnit]
    legacy_communes: list[SourceUnit]
    new_province: SourceUnit
    new_communes: list[SourceUnit]
    successions: list[SourceSuccession]


def _rows(sql: str, params: tuple[str, ...]) -> list[sqlite3.Row]:
    path = resources.files("vietnamadminunits") / "data" / "dataset.db"
    with (
        resources.as_file(path) as db_path,
        sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn,
    ):
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql, params))


def _type_of(full_name: str, short_name: str) -> str:
    return full_name.removesuffix(short_name).strip()


def load_units_source() -> UnitsSource:
    legacy = _rows(
        "SELECT * FROM admin_units_legacy WHERE provinceKey = ? ORDER BY districtCode, wardCode",
        (LEGACY_PROVINCE_KEY,),
    )
    new = _rows(
        "SELECT * FROM admin_units WHERE provinceKey = ? ORDER BY wardCode", (NEW_PROVINCE_KEY,)
    )
    if not legacy or not new:
        raise LookupError("vietnamadminunits has no data for Bình Phước / Đồng Nai")

    first = legacy[0]
    legacy_province = SourceUnit(
        code=first["provinceCode"],
        name=first["province"],
        short_name=first["provinceShort"],
        unit_type=_type_of(first["province"], first["provinceShort"]),
        key=first["provinceKey"],
        latitude=first["provinceLat"],
        longitude=first["provinceLon"],
        parent_code=None,
    )
    districts: dict[str, SourceUnit] = {}
    communes: list[SourceUnit] = []
    legacy_ward_codes: dict[str, str] = {}
    for row in legacy:
        districts.setdefault(
            row["districtCode"],
            SourceUnit(
                code=row["districtCode"],
                name=row["district"],
                short_name=row["districtShort"],
                unit_type=row["districtType"],
                key=row["districtKey"],
                latitude=row["districtLat"],
                longitude=row["districtLon"],
                parent_code=row["provinceCode"],
            ),
        )
        communes.append(
            SourceUnit(
                code=row["wardCode"],
                name=row["ward"],
                short_name=row["wardShort"],
                unit_type=row["wardType"],
                key=row["wardKey"],
                latitude=row["wardLat"],
                longitude=row["wardLon"],
                parent_code=row["districtCode"],
            )
        )
        legacy_ward_codes[f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"] = row[
            "wardCode"
        ]

    head = new[0]
    new_province = SourceUnit(
        code=head["provinceCode"],
        name=head["province"],
        short_name=head["provinceShort"],
        unit_type=_type_of(head["province"], head["provinceShort"]),
        key=head["provinceKey"],
        latitude=head["provinceLat"],
        longitude=head["provinceLon"],
        parent_code=None,
    )
    new_communes = [
        SourceUnit(
            code=row["wardCode"],
            name=row["ward"],
            short_name=row["wardShort"],
            unit_type=row["wardType"],
            key=row["wardKey"],
            latitude=row["wardLat"],
            longitude=row["wardLon"],
            parent_code=row["provinceCode"],
        )
        for row in new
    ]
    new_codes = {unit.key: unit.code for unit in new_communes}
    return UnitsSource(
        legacy_province=legacy_province,
        legacy_districts=list(districts.values()),
        legacy_communes=communes,
        new_province=new_province,
        new_communes=new_communes,
        successions=_successions(legacy_ward_codes, new_codes),
    )


def _successions(legacy_codes: dict[str, str], new_codes: dict[str, str]) -> list[SourceSuccession]:
    """Old Bình Phước communes → new Đồng Nai communes, from the package's converter map."""
    path = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    result: list[SourceSuccession] = []
    for new_key, old_keys in data["DICT_PROVINCE_WARD_NO_DIVIDED"][NEW_PROVINCE_KEY].items():
        for old_key in old_keys:
            if old_key in legacy_codes:
                result.append(SourceSuccession(legacy_codes[old_key], new_codes[new_key], True))
    divided = data["DICT_PROVINCE_WARD_DIVIDED"].get(NEW_PROVINCE_KEY, {})
    for old_key, targets in divided.items():
        if old_key in legacy_codes:
            result.extend(
                SourceSuccession(
                    legacy_codes[old_key], new_codes[t["newWardKey"]], bool(t["isDefaultNewWard"])
                )
                for t in targets
            )
    return result
