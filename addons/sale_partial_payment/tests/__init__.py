from . import test_access, test_concurrency, test_partial_payment, test_performance, test_ui
