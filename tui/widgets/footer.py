"""The key footer of every frist screen: Textual's Footer, in the order the keys are
declared and never cut off.

Textual's Footer lists keys in the order its key map holds them, so a key remapped by the
config's [keymap] moves to the end (past the screen edge); and keys that do not fit run
off the right side, mid-word. This footer keeps each key where its binding is declared
and, when the screen is narrow, leaves out whole keys: first the command palette's
(ctrl+p still works), then the keys a person reaches for least (Enter's details, Edit,
Delete, Undo), then the last ones; never `? Help`, which lists them all, Quit or Escape's way back.
"""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ALWAYS_SHOWN = {"help", "quit"}  # actions whose key stays in the footer however narrow it is
# Actions whose keys step aside first: Enter is where a person looks for details, and
# every change's message says "u undoes".
DROP_FIRST = ("choose", "delete", "edit", "undo")


def declared_order(node) -> list[str]:
    """The ids (or actions) of a node's bindings as its class declares them (then those
    its base classes declare)."""
    order = []
    for klass in type(node).__mro__:
        for binding in klass.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                order.append(binding.id or binding.action)
    return order


class KeyFooter(Footer):
    def compose(self):
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        nodes: list = []  # the binding chain: the focused widget first, the app last
        firsts: dict[str, tuple] = {}  # one key per action, as Textual's Footer shows
        for node, binding, enabled, tooltip in active.values():
            if node not in nodes:
                nodes.append(node)
            if binding.show and binding.action not in firsts:
                firsts[binding.action] = (node, binding, enabled, tooltip)
        orders = {node: declared_order(node) for node in nodes}

        def place(entry: tuple) -> tuple[int, int]:
            node, binding = entry[0], entry[1]
            order = orders[node]
            name = binding.id or binding.action
            return nodes.index(node), order.index(name) if name in order else len(order)

        for node, binding, enabled, tooltip in sorted(firsts.values(), key=place):
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                            binding.action, disabled=not enabled,
                            tooltip=tooltip).data_bind(compact=Footer.compact)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                            binding.action, classes="-command-palette", disabled=not enabled,
                            tooltip=binding.tooltip or binding.description)

    _shown: tuple | None = None  # what the keys were last composed from

    async def recompose(self) -> None:
        """Textual recomposes the footer whenever the bindings may have changed (each
        selection move, each refresh): ~6 ms of widgets each time. Only do so when what
        it shows did change."""
        if not self.is_attached or self._pruning:  # its screen has gone
            return
        shown = self._what_is_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
        self.fit()

    def _what_is_shown(self) -> tuple:
        if not self._bindings_ready:
            return ()
        return (self.show_command_palette,) + tuple(
            (id(node), binding.key, binding.action, binding.description, binding.show, enabled,
             tooltip) for node, binding, enabled, tooltip in self.screen.active_bindings.values())

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Show as many whole keys as the width holds."""
        keys = list(self.query_children(FooterKey))
        width = {key: key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
                 for key in keys}
        shown = set(keys)
        palette = [key for key in keys if key.has_class("-command-palette")]
        first = sorted((key for key in keys if key.action in DROP_FIRST),
                       key=lambda key: DROP_FIRST.index(key.action))
        last_first = [key for key in reversed(keys)
                      if key not in palette and key not in first
                      and key.action not in ALWAYS_SHOWN and key.key != "escape"]
        for key in palette + first + last_first:
            if sum(width[k] for k in shown) <= self.size.width:
                break
            shown.discard(key)
        for key in keys:
            key.display = key in shown
