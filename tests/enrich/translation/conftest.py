from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.enrich.translation.fake_chat import FakeChat, fake_chat


@pytest.fixture
def chat() -> Iterator[FakeChat]:
    with fake_chat() as server:
        yield server
