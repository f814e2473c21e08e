"""Procedure search that forgives missing diacritics, case and word order.

Every database: the query is folded like the `search_folded` column (code, former codes, name
and sector without diacritics, `đ` → `d`) and each query word must start a word of it.
PostgreSQL adds two things: a full-text match over the folded citizen-facing text (query passed
through `unaccent`), and, when nothing matches, trigram similarity to survive typing mistakes.
SQLite falls back to "most words match" instead.

Ranking is the same everywhere, so results agree across databases: an exact code first, then an
exact name (any word order), a name that starts with the query, the query as a phrase inside the
name, all words in the name, then the rest; ties go to the shorter name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from motcua.catalog.constants import CODE_PATTERN
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import version_list_current
from motcua.core.text import fold

MAX_QUERY_CHARS = 200
MAX_TOKENS = 8
CANDIDATE_LIMIT = 1000
TRIGRAM_THRESHOLD = 0.4
_TOKEN = re.compile(r"[0-9a-z]+(?:\.[0-9]+)?")
_CODE = re.compile(CODE_PATTERN)
MAX_TOKEN_CHARS = 30  # no Vietnamese word or procedure code is longer

EXACT_CODE, EXACT_NAME, NAME_PREFIX, NAME_PHRASE, NAME_WORDS, OTHER_FIELDS, SIMILAR = range(7)


@dataclass(frozen=True)
class SearchHit:
    version: ProcedureVersion
    rank: int


def normalise_query(raw: str) -> list[str]:
    """Folded query words: at most 8, each letters and digits (or a code like 1.004194)."""
    folded = fold(raw[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
    tokens: list[str] = []
    for token in _TOKEN.findall(folded):
        if len(token) <= MAX_TOKEN_CHARS and token not in tokens:
            tokens.append(token)
    return tokens[:MAX_TOKENS]


def search_column(*parts: str) -> str:
    """The `search_folded` value: folded words with a leading space, so " word" finds a word
    start with a plain LIKE (which PostgreSQL's trigram index serves)."""
    return " " + fold(" ".join(parts))


def _rank(*, name: str, code_match: bool, tokens: list[str]) -> int:
    query = " ".join(tokens)
    words = _TOKEN.findall(name)
    if code_match:
        return EXACT_CODE
    if name == query or sorted(words) == sorted(tokens):
        return EXACT_NAME
    if name.startswith(query):
        return NAME_PREFIX
    if f" {query} " in f" {' '.join(words)} ":
        return NAME_PHRASE
    if all(any(w.startswith(t) for w in words) for t in tokens):
        return NAME_WORDS
    return OTHER_FIELDS


def _fuzzy_postgres(base: QuerySet[ProcedureVersion], query: str, limit: int) -> list[int]:
    """Trigram word similarity through the `%>` operator, so the GIN index is used."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TRIGRAM_THRESHOLD)],
        )
    return list(
        base.filter(search_folded__trigram_word_similar=query)
        .annotate(similarity=TrigramWordSimilarity(query, "search_folded"))
        .order_by("-similarity")
        .values_list("pk", flat=True)[:limit]
    )


def _fuzzy_portable(base: QuerySet[ProcedureVersion], tokens: list[str]) -> list[int]:
    """Every query word but one matches (a typo, an extra word)."""
    if len(tokens) < 2:  # noqa: PLR2004 - "all but one" of one word is nothing
        return []
    any_word = Q()
    for token in tokens:
        any_word |= Q(search_folded__contains=f" {token}")
    rows = base.filter(any_word).values_list("pk", "search_folded")[:CANDIDATE_LIMIT]
    return [pk for pk, text in rows if sum(f" {t}" in text for t in tokens) >= len(tokens) - 1]


def procedure_search(
    *,
    query: str,
    base: QuerySet[ProcedureVersion] | None = None,
    on: date | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Rank current versions for a query; see the module docstring and ADR 0005."""
    tokens = normalise_query(query)
    if not tokens:
        return []
    base = base if base is not None else version_list_current(on=on)
    strict = base
    for token in tokens:
        strict = strict.filter(search_folded__contains=f" {token}")
    ids = set(strict.values_list("pk", flat=True)[:CANDIDATE_LIMIT])
    postgres = connection.vendor == "postgresql"
    fuzzy: set[int] = set()
    if postgres:
        text_match = RawSQL(
            "to_tsvector('simple', content_folded) "
            "@@ plainto_tsquery('simple', unaccent(lower(%s)))",
            (" ".join(tokens),),
        )
        content = base.alias(text_match=text_match).filter(text_match=True)
        content_ids = set(content.values_list("pk", flat=True)[:CANDIDATE_LIMIT])
    else:
        content_ids = set()
    order: dict[int, int] = {}
    if not ids:
        # Nothing has every word in its name or code: a guess. Similar spellings first (in
        # similarity order on PostgreSQL), then procedures whose text merely contains the words.
        found = (
            _fuzzy_postgres(base, " ".join(tokens), limit)
            if postgres
            else _fuzzy_portable(base, tokens)
        )
        order = {pk: i for i, pk in enumerate(found)}
        fuzzy = set(found) | content_ids
    candidates = ids | content_ids | fuzzy
    code_owners: set[int] = set()
    if len(tokens) == 1 and _CODE.match(tokens[0]):
        code_owners = set(
            ProcedureVersion.objects.filter(pk__in=candidates)
            .filter(Q(procedure__code=tokens[0]) | Q(procedure__aliases__code=tokens[0]))
            .values_list("pk", flat=True)
        )
    rows = ProcedureVersion.objects.filter(pk__in=candidates).values_list(
        "pk", "name_folded", "procedure__code"
    )
    ranked = sorted(
        (
            (
                SIMILAR
                if pk in fuzzy
                else _rank(name=name, code_match=pk in code_owners, tokens=tokens),
                order.get(pk, len(order)),
                len(name),
                code,
                pk,
            )
            for pk, name, code in rows
        )
    )[:limit]
    versions = ProcedureVersion.objects.select_related("procedure", "sector").in_bulk(
        [row[-1] for row in ranked]
    )
    return [SearchHit(version=versions[row[-1]], rank=row[0]) for row in ranked]
