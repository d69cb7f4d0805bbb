from . import (
    test_access,
    test_chat,
    test_client_center,
    test_concurrency,
    test_performance,
    test_portal,
    test_ui,
)
