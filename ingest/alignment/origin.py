"""ORIGIN edges: where a national entry without a Wassenaar counterpart comes from - the
regime its numbering belongs to, or its issuer when unilateral - with the reason, and the
correspondences a list states with a regime whose list is not held."""

from __future__ import annotations

import re

from graph_schema import ids
from graph_schema import origin_reasons as words
from graph_schema.codes import CodeSystem, RegimeHint
from graph_schema.model import ControlEntry, Origin
from ingest.alignment.held import WASSENAAR, ListInfo, ListsHeld, _provenance
from ingest.alignment.text import _excerpt

_STATED = re.compile(r"^Corresponds to:\s*(?P<regime>[a-z-]+)\s+(?P<code>\S+)\s*$", re.I)


class Origins:
    """Says where national entries without a Wassenaar counterpart come from."""

    def __init__(self, held: ListsHeld) -> None:
        self.held = held
        self._older_codes: set[str] | None = None

    def stated_elsewhere(self, entry: ControlEntry) -> Origin | None:
        """A correspondence the list itself states with a regime whose list is not held."""
        for note in entry.notes:
            found = _STATED.match(note)
            if found and found["regime"].lower() != "wassenaar":
                reason = words.STATED.say(note=note.strip())
                return Origin(
                    source=entry.id,
                    target=ids.regime_id(found["regime"].lower()),
                    series=found["regime"].lower(),
                    unilateral=False,
                    reason=reason,
                    method="stated",
                    provenance=_provenance(reason),
                )
        return None

    def _placeholder(self, canonical: str) -> ControlEntry | None:
        """The regime paragraph of that number, or of the nearest number above it, when it is
        a placeholder ("Not used since 2025", "[Reserved]"): the regime dropped the control."""
        code = canonical
        while True:
            found = self.held.regime_entries.get(code)
            if found is not None:
                return found if found.status != "active" else None
            if "." not in code:
                return None
            code = code.rsplit(".", 1)[0]

    def _munitions_addition(self, hint: RegimeHint, info: ListInfo) -> bool:
        """May a Munitions List number no Wassenaar edition held uses be a national addition?
        Only when the national edition is no older than the oldest Wassenaar edition held:
        before it, the regime may have renumbered the paragraph (an EU Common Military List
        of 2020 against Wassenaar 2021). DSGL 2024 ML8.a.32.g, NTDNA, is a triazole Wassenaar
        has marked "Not used since 2010" in every edition held."""
        oldest = min(
            (i.edition_date for i in self.held.lists.values() if i.issuer == WASSENAAR),
            default=None,
        )
        return hint.series == "munitions" and oldest is not None and info.edition_date >= oldest

    def _ever_in_regime(self, canonical: str) -> bool:
        """Did an older edition of the Wassenaar list held control anything under the code?
        (A "Not used since 2015" paragraph in every edition held controlled nothing: a
        national list using that number made a control of its own, US 3B001.c.)"""
        if self._older_codes is None:
            self._older_codes = {
                e.canonical
                for info in self.held.lists.values()
                if info.issuer == WASSENAAR and info is not self.held.regime_list
                for e in self.held.entries.get(info.id, [])
                if e.status == "active"
            }
        return canonical in self._older_codes

    def origin(
        self, entry: ControlEntry, info: ListInfo, hint: RegimeHint, missing: str | None
    ) -> Origin:
        reason = hint.reason
        held = self.held.regime_list
        # A control the regime dropped: its number is now a placeholder, and an older edition
        # held controlled something under it.
        placeholder = None
        if missing is not None and self._ever_in_regime(missing):
            placeholder = self._placeholder(missing)
        # Not for SCOMET: its own numbering reaches Wassenaar codes only through a re-encoding,
        # and a code no Wassenaar edition has there is more often a mislabelled paragraph.
        if (
            missing is not None
            and held is not None
            and info.system is not CodeSystem.SCOMET
            and (hint.series == "wassenaar" or self._munitions_addition(hint, info))
            and placeholder is None
            and not self._ever_in_regime(missing)
        ):
            # No Wassenaar edition held ever had the code: a national addition numbered in the
            # Wassenaar block (EU 4E001.b.3 for its own 4A506), not a lag or a renumbering.
            editions = ", ".join(
                i.edition
                for i in sorted(self.held.lists.values(), key=lambda i: i.edition_date)
                if i.issuer == WASSENAAR
            )
            reason = words.NATIONAL_ADDITION.say(missing=missing, editions=editions)
            dropped = self._placeholder(missing)
            if dropped is not None:
                # Every edition held has the number as a placeholder: whether the national
                # list kept what the regime dropped or reused the number, the control is its own.
                reason = words.DROPPED_EVERYWHERE.say(
                    missing=missing, editions=editions, excerpt=_excerpt(dropped.text)
                )
            return Origin(
                source=entry.id,
                target=info.issuer,
                series="national",
                unilateral=True,
                reason=reason,
                provenance=_provenance(reason),
            )
        if missing is not None and held is not None and placeholder is not None:
            older = info.edition_date < held.edition_date
            said = words.PLACEHOLDER_OLDER if older else words.PLACEHOLDER_NEWER
            # The placeholder is the paragraph above when the code's own is not in the list.
            above = placeholder.canonical != missing
            reason = said.say(
                missing=missing,
                under=words.UNDER.say(code=placeholder.code) if above else "",
                edition=held.edition,
                excerpt=_excerpt(placeholder.text),
                status=placeholder.status,
                national=info.edition,
            )
            # A regime number, kept as a placeholder, is evidence even in SCOMET's re-encoding.
            hint = RegimeHint(
                regime="wassenaar", unilateral=False, series="wassenaar", reason=reason
            )
        elif missing is not None and held is not None:
            said = (
                words.NOT_HELD_OLDER
                if info.edition_date < held.edition_date
                else words.NOT_HELD_NEWER
            )
            reason = said.say(missing=missing, edition=held.edition, national=info.edition)
        if hint.unilateral and entry.reasons and all(r.startswith("AT") for r in entry.reasons):
            reason += words.AT_ONLY
        if hint.regime == "nsg" and "NP2" in entry.reasons and "NP1" not in entry.reasons:
            # The list's own reasons for control say otherwise than its numbering.
            reason = words.NP2_ONLY.say()
            hint = RegimeHint(regime=None, unilateral=True, series="us-np2", reason=reason)
        target = ids.regime_id(hint.regime) if hint.regime and not hint.unilateral else info.issuer
        return Origin(
            source=entry.id,
            target=target,
            series=hint.series,
            unilateral=hint.unilateral,
            reason=reason,
            provenance=_provenance(reason),
        )
