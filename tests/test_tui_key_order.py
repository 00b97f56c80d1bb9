"""Editing keys that arrive together take effect in the order they were typed (Textualize/textual#6605).

The keys are posted to the app in one go, without waiting between them, as a terminal delivers a burst
(a fast typist on a busy app, or tmux send-keys): with Textual's own TextArea and Input the bound keys
(backspace, arrows, ctrl+u, enter) ran after the characters typed after them."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from mtreview.tui.widgets.ordered_keys import OrderedInput, OrderedTextArea

# (key, character) as a terminal sends them
BURSTS = [
    # "abc", backspace, "d": the backspace deletes the c, not the d typed after it
    ([("a", "a"), ("b", "b"), ("c", "c"), ("backspace", None), ("d", "d")], "abd"),
    # a cursor move between characters: X lands before the c
    ([("a", "a"), ("b", "b"), ("c", "c"), ("left", None), ("X", "X")], "abXc"),
    # clear the line, then type: what is typed after ctrl+u stays (QA: a saved edit lost its first words)
    ([("x", "x"), ("y", "y"), ("ctrl+u", None), ("o", "o"), ("k", "k")], "ok"),
]


class _Host(App[None]):
    def __init__(self, widget: TextArea | Input) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus()


async def _burst(app: _Host, keys: list[tuple[str, str | None]]) -> str:
    """Post ``keys`` to ``app`` all at once, as one read from the terminal; the widget's text after."""
    async with app.run_test() as pilot:
        for key, char in keys:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        return app.widget.text if isinstance(app.widget, TextArea) else app.widget.value


async def _typed(widget: TextArea | Input, keys: list[tuple[str, str | None]]) -> str:
    return await _burst(_Host(widget), keys)


@pytest.mark.asyncio
@pytest.mark.parametrize(("keys", "expected"), BURSTS)
async def test_text_area_applies_a_burst_of_keys_in_order(keys: list[tuple[str, str | None]], expected: str) -> None:
    assert await _typed(OrderedTextArea(), keys) == expected


@pytest.mark.asyncio
@pytest.mark.parametrize(("keys", "expected"), BURSTS[:2])
async def test_input_applies_a_burst_of_keys_in_order(keys: list[tuple[str, str | None]], expected: str) -> None:
    assert await _typed(OrderedInput(), keys) == expected


@pytest.mark.asyncio
async def test_enter_submits_what_was_typed_before_it_only() -> None:
    """Enter in a dialog's input submits the text typed before it, not a character typed just after."""
    submitted: list[str] = []

    class _Submit(_Host):
        def on_input_submitted(self, event: Input.Submitted) -> None:
            submitted.append(event.value)

    await _burst(_Submit(OrderedInput()), [("4", "4"), ("2", "2"), ("enter", None), ("7", "7")])
    assert submitted == ["42"]


@pytest.mark.asyncio
async def test_the_burst_shows_textuals_own_widgets_reordering_it() -> None:
    """The defect these widgets fix, shown on Textual's own TextArea: if this starts to pass, Textual fixed
    it upstream and the ordered widgets can go."""
    keys, expected = BURSTS[0]
    assert await _typed(TextArea(), keys) != expected


@pytest.mark.asyncio
async def test_a_screen_key_in_a_burst_acts_on_the_text_typed_before_it() -> None:
    """The editor's ctrl+s in a burst saves what was typed before it: "fixed." ctrl+s "j" saved "fixed.j"
    (the j, meant for the list, was typed into the text before the screen's save ran)."""
    saved: list[str] = []

    class _Saving(_Host):
        BINDINGS = [("ctrl+s", "save", "save")]

        def action_save(self) -> None:
            saved.append(self.widget.text)  # type: ignore[union-attr]

    await _burst(_Saving(OrderedTextArea()), [("o", "o"), ("k", "k"), ("ctrl+s", None), ("j", "j")])
    assert saved == ["ok"]


@pytest.mark.asyncio
async def test_ctrl_a_in_the_editor_selects_the_whole_text_so_typing_replaces_it(tmp_path) -> None:  # noqa: ANN001
    """A translator replacing a long, wrapped MT: ctrl+a then type (TextArea's ctrl+a only went to the start
    of the screen line, and ctrl+u cleared one screen line at a time)."""
    import fixtures_tui

    from mtreview.store import Project
    from mtreview.tui.app import make_app

    long_mt = " ".join(["The delegation was headed by the deputy minister of defence."] * 6)
    rows = [("Делегацию возглавлял заместитель министра обороны.", long_mt, 0.5, 0.9, [], [], None),
            *fixtures_tui.ROWS[:1]]
    path = fixtures_tui.build_project(tmp_path / "long.mtr", rows)
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", *"A new translation.", "ctrl+s")
        await pilot.pause()
    with Project.open(path) as proj:
        state = proj.segments()[0].state
    assert (state.status, state.final_text) == ("edited", "A new translation.")
