"""HTML mode: parse a page with lxml, remove the elements the ``html-selector`` rules match, find
the main content and render it as text, Markdown or HTML (the text rules then run over that).

Modules: :mod:`.parse` (lxml, depth capping), :mod:`.selectors` (the selector index),
:mod:`.pack` (compiled rules), :mod:`.extract` (rule decisions, guards, block filters),
:mod:`.content` (main-content scoring), :mod:`.blocks` (typed blocks), :mod:`.render`,
:mod:`.paths`, :mod:`.easylist` (element-hiding lists), :mod:`.model`.

Nothing is imported here: ``import cleanpress.formats`` must not load lxml (text mode never needs it).
"""
