"""What a started server holds is left out of the garbage collector's walks, and its
youngest generation is collected less often (app.api.collector): a full collection walked
some 145,000 objects, 100 to 300 ms of the event loop each time, the p99 of an uncached
page on PostgreSQL."""

import gc

from app.api.collector import YOUNG
from tests import conftest


def test_a_server_freezes_what_it_holds_and_collects_less_often_until_shutdown(
    fresh_seeded_url: str,
) -> None:
    gc.unfreeze()  # another server of this process may have frozen its objects
    gc.collect()
    thresholds = gc.get_threshold()
    held = len(gc.get_objects())  # the test process's, before the server starts
    with (
        conftest.LiveServer(conftest.settings_for(fresh_seeded_url)) as live,
        conftest.http_client(live.url) as client,
    ):
        assert client.get("/events", params={"actor": "kim"}).status_code == 200
        # nearly all of it frozen (some of the test process's were freed meanwhile)
        assert gc.get_freeze_count() > held // 2
        walked = len(gc.get_objects())  # what a full collection walks now
        assert walked < held // 4
        assert gc.get_threshold() == (YOUNG, *thresholds[1:])
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
