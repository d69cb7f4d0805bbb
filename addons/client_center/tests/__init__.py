from . import test_access, test_client_center, test_performance, test_portal, test_tours
