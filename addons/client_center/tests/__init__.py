from . import test_client_center
