"""The contract every reader/writer pair keeps. A format's test class inherits ``FormatContract`` and sets
``fmt``; what the format cannot carry is read from the handler's capability flags (and documented there),
so a format that claims more than it does fails here.

    class TestTmx(FormatContract):
        fmt = "tmx"
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_formats import SAMPLE_PAIRS, sample_units, segment_pairs
from hypothesis import HealthCheck, given, settings

from mtreview.errors import InputError
from mtreview.formats import BilingualUnit, InlineCode, get_handler, read_units, write_units
from mtreview.formats.dispatch import format_from_suffix


def flattened(text: str) -> str:
    """What a line format (Moses, TSV) documents it does to a tab, a line break or a line-separator
    character (U+2028, U+0085, ...: what ``str.splitlines()`` splits on) inside a segment: each run, with
    the spaces around it, becomes one space."""
    return re.sub(" *[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+ *", " ", text)


class FormatContract:
    fmt: str = ""

    @property
    def handler(self):
        return get_handler(self.fmt)

    def out_path(self, folder: Path) -> Path:
        return folder / f"out{self.handler.output_suffix or '.' + self.fmt}"

    def files_for(self, path: Path) -> list[Path]:
        from mtreview.formats.base import WriteContext

        return self.handler.output_paths(path, WriteContext(source_lang="ru", target_lang="en"))

    def roundtrip(self, units: list[BilingualUnit], folder: Path, with_status: bool = False):
        out = self.out_path(folder)
        report = write_units(out, units, self.fmt, source_lang="ru", target_lang="en", with_status=with_status)
        back = list(read_units(out, self.fmt if self.handler.path_is_prefix else None,
                               source_lang="ru", target_lang="en"))
        return back, report

    def expect(self, text: str) -> str:
        if not self.handler.carries_newlines or not self.handler.carries_tabs:
            return flattened(text)
        return text

    # -- texts -----------------------------------------------------------------------------------------

    def test_roundtrip_texts(self, tmp_path: Path) -> None:
        back, _ = self.roundtrip(sample_units(), tmp_path)
        assert [(u.source, u.target) for u in back] == [(self.expect(s), self.expect(t)) for s, t in SAMPLE_PAIRS]

    def test_line_breaks_and_tabs_inside_segments(self, tmp_path: Path) -> None:
        units = [BilingualUnit("one\ntwo\tthree", "a\n\nb"), BilingualUnit("plain", "plain")]
        back, report = self.roundtrip(units, tmp_path)
        if self.handler.carries_newlines and self.handler.carries_tabs:
            assert [(u.source, u.target) for u in back] == [("one\ntwo\tthree", "a\n\nb"), ("plain", "plain")]
            assert not report.changes
        else:  # documented: each run of breaks/tabs becomes one space, and the change is counted
            assert [(u.source, u.target) for u in back] == [("one two three", "a b"), ("plain", "plain")]
            assert sum(report.changes.values()) == 1
            assert "cannot carry" in report.summary()

    # Each subclass is another format, so the same test method runs on several classes by design.
    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors])
    @given(pairs=segment_pairs)
    def test_property_any_text_survives(self, pairs: list[tuple[str, str]]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            back, _ = self.roundtrip([BilingualUnit(s, t) for s, t in pairs], Path(tmp))
        assert [(u.source, u.target) for u in back] == [(self.expect(s), self.expect(t)) for s, t in pairs]

    # -- review state and ids ----------------------------------------------------------------------------

    def test_status_risk_reviewer_and_ids(self, tmp_path: Path) -> None:
        units = [BilingualUnit("один", "one", id="seg-1", status="edited", risk=0.123456789, reviewer="Анна"),
                 BilingualUnit("два", "two", id="seg.2", status="rejected", risk=None, reviewer=None),
                 BilingualUnit("три", "three", id="3", status="unreviewed", risk=1.0, reviewer="bob")]
        back, _ = self.roundtrip(units, tmp_path, with_status=True)
        assert [(u.source, u.target) for u in back] == [("один", "one"), ("два", "two"), ("три", "three")]
        if self.handler.carries_status:  # (a risk written as text has 4 decimals: cells.risk_text)
            assert [(u.status, u.risk, u.reviewer) for u in back] == [
                ("edited", pytest.approx(0.123456789, abs=5e-5), "Анна"), ("rejected", None, None),
                ("unreviewed", 1.0, "bob")]
        else:
            assert all(u.status is None and u.risk is None for u in back)
        if self.handler.carries_ids:
            assert [str(u.id) for u in back] == ["seg-1", "seg.2", "3"]

    # -- inline codes ------------------------------------------------------------------------------------

    def test_inline_codes(self, tmp_path: Path) -> None:
        fam = {"tmx": "tmx", "xliff": "xliff1", "xliff2": "xliff2"}.get(self.fmt, "tmx")
        b_open = InlineCode("open", "bpt", "1", "<b>", (("i", "1"),), "tmx")
        b_close = InlineCode("close", "ept", "1", "</b>", (("i", "1"),), "tmx")
        br = InlineCode("standalone", "ph", "2", "<br/>", (("x", "2"),), "tmx")
        unit = BilingualUnit("Жми ОК", "Press OK", source_parts=["Жми ", b_open, "ОК", b_close, br],
                             target_parts=["Press ", b_open, "OK", b_close, br])
        back, _ = self.roundtrip([unit], tmp_path)
        assert (back[0].source, back[0].target) == ("Жми ОК", "Press OK")  # codes never leak into the text
        if self.handler.carries_codes:
            parts = back[0].target_parts
            assert [p if isinstance(p, str) else (p.role, p.native) for p in parts] == [
                "Press ", ("open", "<b>"), "OK", ("close", "</b>"), ("standalone", "<br/>")]
            opened = next(p for p in parts if not isinstance(p, str) and p.role == "open")
            closed = next(p for p in parts if not isinstance(p, str) and p.role == "close")
            assert opened.id == closed.id
            if fam == "tmx":  # written back to its own format, the original elements are restored
                assert [p.tag for p in parts if not isinstance(p, str)] == ["bpt", "ept", "ph"]
        else:
            assert back[0].target_parts is None

    # -- files -------------------------------------------------------------------------------------------

    def test_atomic_write_leaves_only_its_files(self, tmp_path: Path) -> None:
        out = self.out_path(tmp_path)
        report = write_units(out, sample_units(), self.fmt, source_lang="ru", target_lang="en")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in report.paths)
        assert report.units == len(SAMPLE_PAIRS)

    def test_failed_write_keeps_the_previous_file(self, tmp_path: Path) -> None:
        out = self.out_path(tmp_path)
        write_units(out, sample_units(), self.fmt, source_lang="ru", target_lang="en")
        files = self.files_for(out)
        before = {p: p.read_bytes() for p in files}

        def broken() -> Iterator[BilingualUnit]:
            yield BilingualUnit("first", "first")
            raise RuntimeError("disk on fire")

        with pytest.raises(RuntimeError, match="disk on fire"):
            write_units(out, broken(), self.fmt, source_lang="ru", target_lang="en")
        assert {p: p.read_bytes() for p in files} == before
        assert sorted(tmp_path.iterdir()) == sorted(files)  # no temporary file left behind

    def test_missing_folder_is_an_error(self, tmp_path: Path) -> None:
        with pytest.raises(FileNotFoundError):
            write_units(tmp_path / "nope" / "out", sample_units(), self.fmt, source_lang="ru", target_lang="en")
        assert not (tmp_path / "nope").exists()

    def test_empty_file_is_a_clear_error(self, tmp_path: Path) -> None:
        out = self.out_path(tmp_path)
        for p in self.files_for(out):
            p.write_bytes(b"")
        with pytest.raises(InputError) as err:
            list(read_units(out, self.fmt, source_lang="ru", target_lang="en"))
        assert "out" in str(err.value)

    def test_suffix_names_the_format(self) -> None:
        for suffix in self.handler.suffixes:
            assert format_from_suffix(f"x{suffix}") in (self.fmt, "xliff")
