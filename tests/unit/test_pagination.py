import pytest

from app import pagination
from app.pagination import BadCursor


def test_a_cursor_round_trips() -> None:
    token = pagination.encode(["2018-06-12", 0, "singapore-summit-2018"], "abc")
    assert pagination.decode(token, "abc") == ["2018-06-12", 0, "singapore-summit-2018"]


@pytest.mark.parametrize("token", ["", "!!!", "e30", "bnVsbA", "eyJrIjoxfQ", "x" * 999])
def test_malformed_cursors_are_refused(token: str) -> None:
    with pytest.raises(BadCursor):
        pagination.decode(token, "abc")


def test_a_cursor_of_another_query_is_refused() -> None:
    token = pagination.encode(["kim-jong-un"], pagination.fingerprint("actor"))
    with pytest.raises(BadCursor, match="another query"):
        pagination.decode(token, pagination.fingerprint("place"))
