from . import test_access, test_attribution, test_concurrency, test_performance, test_ui
