from . import test_access, test_client_center, test_concurrency, test_performance, test_portal, test_tours
