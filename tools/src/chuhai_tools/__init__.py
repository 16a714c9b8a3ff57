"""chuhai's research tooling, outside the runtime package: training the shipped heads
(``chuhai models train|distill``), evaluating every model beside baselines (``chuhai eval``,
``chuhai themes eval``), and the labelled sets both read.

Installed with ``pip install 'chuhai[tools]'``; the runtime never imports it, and the CLI
commands above load it on use and say how to install it when it is missing.
"""
