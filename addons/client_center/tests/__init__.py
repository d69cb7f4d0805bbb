from . import test_access, test_client_center, test_portal
